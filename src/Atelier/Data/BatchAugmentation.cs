namespace Atelier.Data;

/// <summary>
/// Random changes <see cref="DataLoader"/> makes to each image as it builds a batch: a
/// <paramref name="CropSize"/> × <paramref name="CropSize"/> window at a uniformly random position
/// (null keeps the whole image), and with <paramref name="HorizontalFlip"/> a left-right mirror with
/// probability ½. Store the images somewhat larger than the crop (e.g. 9/8 of it) to give it room.
/// </summary>
public sealed record BatchAugmentation(int? CropSize = null, bool HorizontalFlip = false)
{
    /// <summary>The crop side; null for no crop.</summary>
    public int? CropSize
    {
        get;
        init => field = Check(value);
    } = Check(CropSize);

    private static int? Check(int? cropSize) => cropSize is null or >= 1
        ? cropSize
        : throw new ArgumentOutOfRangeException(nameof(CropSize), $"The crop size must be at least 1 pixel, got {cropSize}.");
}
