namespace Atelier.Data;

/// <summary>
/// Images as one float tensor (N, C, H, W) with values in [0, 1], and their class labels (or none).
/// </summary>
public sealed class LabelledImages
{
    public LabelledImages(Tensor images, int[]? labels)
    {
        if (images.Rank != 4) throw new ArgumentException($"images must be (N, C, H, W), got {ShapeMath.Format(images.Dims)}");
        if (labels is not null && labels.Length != images.Dim(0))
            throw new ArgumentException($"{labels.Length} labels for {images.Dim(0)} images");
        Images = images;
        Labels = labels;
    }

    public Tensor Images { get; }

    public int[]? Labels { get; }

    public int Count => Images.Dim(0);

    /// <summary>Images [start, start + count) with their labels (copies).</summary>
    public LabelledImages Range(int start, int count) =>
        new(Images.Slice(0, start, count), Labels?.AsSpan(start, count).ToArray());
}
