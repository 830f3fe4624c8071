namespace Atelier.Models;

/// <summary>
/// What a catalog entry is: its name, family, latent size, image shape and the training defaults of
/// its reference recipe (MODELS.md).
/// </summary>
public sealed record ModelSpec(
    string Name,
    ModelFamily Family,
    string Description,
    int LatentDim,
    int Channels,
    int ImageSize,
    int DefaultBatch,
    float DefaultLearningRate);
