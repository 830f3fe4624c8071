namespace Atelier.Checkpoints;

/// <summary>A tensor about to be saved holds NaN or infinity.</summary>
public sealed class NonFiniteTensorException(string message) : Exception(message);
