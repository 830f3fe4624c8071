namespace Atelier.Evaluation;

/// <summary>
/// One generated sample and its nearest training images: in pixel space (Euclidean over pixels in [0, 1]) and in feature
/// space. <see cref="PixelRatio"/> is the pixel distance over the typical distance between a training image and its nearest
/// other training image; a near-copy sits far closer to a training image than training images sit to each other.
/// </summary>
public sealed record MemorisationPair(int Sample, int PixelNeighbour, double PixelDistance, double PixelRatio,
    int FeatureNeighbour, double FeatureDistance, double FeatureRatio, bool NearCopy);
