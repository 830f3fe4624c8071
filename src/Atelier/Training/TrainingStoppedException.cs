namespace Atelier.Training;

/// <summary>Training stopped because a loss, gradient or weight became NaN or infinite; the last good checkpoint is kept.</summary>
public sealed class TrainingStoppedException(string message) : Exception(message);
