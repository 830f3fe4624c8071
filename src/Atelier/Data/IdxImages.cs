namespace Atelier.Data;

/// <summary>
/// A stack of equally sized 8-bit greyscale images as stored in an IDX file: <see cref="Pixels"/>
/// holds <see cref="Count"/> images of <see cref="Rows"/> × <see cref="Columns"/> bytes, row-major,
/// one image after another.
/// </summary>
public sealed class IdxImages
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied), which must hold exactly count × rows × columns bytes.</summary>
    public IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)count * rows * columns != pixels.LongLength)
            throw new ArgumentException($"{count} × {rows} × {columns} images need {(long)count * rows * columns} bytes, got {pixels.LongLength}.", nameof(pixels));
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Height of each image in pixels.</summary>
    public int Rows { get; }

    /// <summary>Width of each image in pixels.</summary>
    public int Columns { get; }

    /// <summary>All pixels, image after image, each image row-major; 0 is background in MNIST.</summary>
    public byte[] Pixels { get; }

    /// <summary>The <see cref="Rows"/> × <see cref="Columns"/> pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetImage(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int size = Rows * Columns;
        return Pixels.AsSpan(index * size, size);
    }
}
