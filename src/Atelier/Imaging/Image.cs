namespace Atelier.Imaging;

/// <summary>
/// An 8-bit image: <see cref="Height"/> rows of <see cref="Width"/> pixels, each pixel
/// <see cref="Channels"/> interleaved bytes (1 = grey, 3 = RGB, 4 = RGBA), rows top to bottom
/// with no padding. Decoders reduce higher bit depths to 8 bits.
/// </summary>
public sealed class Image
{
    /// <summary>Creates an image with all bytes zero.</summary>
    public Image(int width, int height, int channels)
        : this(width, height, channels, new byte[CheckedSize(width, height, channels)])
    {
    }

    /// <summary>Wraps <paramref name="pixels"/> (not copied), which must hold exactly width × height × channels bytes.</summary>
    public Image(int width, int height, int channels, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        long size = CheckedSize(width, height, channels);
        if (pixels.LongLength != size)
            throw new ArgumentException($"A {width}x{height} image with {channels} channel(s) needs {size} bytes, got {pixels.LongLength}.", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes per pixel: 1 (grey), 3 (RGB) or 4 (RGBA, alpha not premultiplied).</summary>
    public int Channels { get; }

    /// <summary>The pixel bytes, row-major and channel-interleaved.</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per row, <see cref="Width"/> × <see cref="Channels"/>.</summary>
    public int Stride => Width * Channels;

    /// <summary>The bytes of row <paramref name="y"/>.</summary>
    public Span<byte> GetRow(int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return Pixels.AsSpan(y * Stride, Stride);
    }

    private static long CheckedSize(int width, int height, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (channels is not (1 or 3 or 4))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 (grey), 3 (RGB) or 4 (RGBA).");
        long size = (long)width * height * channels;
        if (size > Array.MaxLength)
            throw new ArgumentException($"A {width}x{height} image with {channels} channel(s) is {size} bytes, more than one array can hold.");
        return size;
    }
}
