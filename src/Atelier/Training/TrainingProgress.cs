namespace Atelier.Training;

/// <summary>A snapshot after one training step, for progress displays.</summary>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int BatchesPerEpoch,
    long Step,
    IReadOnlyDictionary<string, float> Losses,
    double ImagesPerSecond,
    TimeSpan Elapsed,
    TimeSpan? Remaining,
    IReadOnlyList<Health.HealthWarning>? NewWarnings = null,
    IReadOnlyDictionary<string, double>? Figures = null);
