namespace Atelier.Provenance;

/// <summary>An image's provenance cannot be used as asked (missing, damaged or edited; its checkpoint not found or different). The message is one line.</summary>
public sealed class ProvenanceException(string message) : Exception(message);
