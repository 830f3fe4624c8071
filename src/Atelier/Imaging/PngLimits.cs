namespace Atelier.Imaging;

/// <summary>
/// Size limits <see cref="PngDecoder"/> enforces on the header before it allocates anything, so
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
}
