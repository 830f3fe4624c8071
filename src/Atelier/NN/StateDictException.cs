namespace Atelier.NN;

/// <summary>A state dict that does not fit the model: missing or unexpected names, or a wrong shape.</summary>
public sealed class StateDictException(string message) : Exception(message);
