namespace Atelier.Data;

/// <summary>One mini-batch: images (B, C, H, W) and their labels (or null when the dataset has none).</summary>
/// <param name="Images">A tensor of its own, not a view of the dataset.</param>
/// <param name="Labels">Label i belongs to image i.</param>
public sealed record Batch(Tensor Images, int[]? Labels)
{
    /// <summary>Number of images, B.</summary>
    public int Count => Images.Dim(0);
}
