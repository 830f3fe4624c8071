namespace Atelier.Imaging;

/// <summary>
/// Size limits the image decoders (PNG, BMP, JPEG) enforce on the header before they allocate anything, so
/// that a hostile file cannot exhaust memory.
/// </summary>
public sealed record PngLimits
{
    /// <summary>16384 × 16384 per side, 64 million pixels in all.</summary>
    public static PngLimits Default { get; } = new();

    /// <summary>Largest accepted width in pixels.</summary>
    public int MaxWidth
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; }
    } = 16384;

    /// <summary>Largest accepted height in pixels.</summary>
    public int MaxHeight
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; }
    } = 16384;

    /// <summary>Largest accepted width × height.</summary>
    public long MaxPixels
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; }
    } = 64_000_000;

    /// <summary>What is wrong with a width x height image under these limits, or null when it fits.</summary>
    public string? Violation(long width, long height) =>
        width <= 0 ? $"image width {width} is not positive"
        : height <= 0 ? $"image height {height} is not positive"
        : width > MaxWidth ? $"image width {width} exceeds the limit of {MaxWidth}"
        : height > MaxHeight ? $"image height {height} exceeds the limit of {MaxHeight}"
        : width * height > MaxPixels ? $"image size {width}x{height} = {width * height} pixels exceeds the limit of {MaxPixels} pixels"
        : null;
}
