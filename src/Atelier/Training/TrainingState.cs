namespace Atelier.Training;

/// <summary>
/// Where a run stands: <see cref="Epoch"/> epochs are complete and <see cref="BatchInEpoch"/> batches of
/// the next one; <see cref="Random"/> is the training generator's state at that point.
/// </summary>
public sealed record TrainingState(int Epoch, int BatchInEpoch, long Step, ulong[] Random, double ElapsedSeconds, double? BestScore);
