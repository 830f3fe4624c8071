namespace Atelier.Imaging;

/// <summary>
/// Resampling and cropping of 8-bit images. Resampling is separable: along each axis that shrinks,
/// every output pixel is the area-weighted average of the source pixels it covers (a box filter,
/// which never aliases); along each axis that grows, it is a linear interpolation between the two
/// nearest source pixel centres (half-pixel centres, edges clamped, as PyTorch's bilinear with
/// <c>align_corners=False</c>). Results are rounded to the nearest byte, halves upwards.
/// </summary>
/// <remarks>
/// RGBA images are resampled with premultiplied alpha, so fully transparent pixels do not bleed
/// their (invisible) colour into their neighbours.
/// </remarks>
public static class Resize
{
    /// <summary>
    /// <paramref name="image"/> resampled to <paramref name="width"/> × <paramref name="height"/>:
    /// area averaging along an axis that shrinks, bilinear interpolation along one that grows.
    /// The same size gives an identical copy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A target side is not positive.</exception>
    public static Image Area(Image image, int width, int height) => Resample(image, width, height, bilinear: false);

    /// <summary>
    /// <paramref name="image"/> resampled to <paramref name="width"/> × <paramref name="height"/> by
    /// bilinear interpolation along both axes, shrinking too: output pixel o samples the source at
    /// x = (o + ½) × source / target − ½ (clamped to the edge pixels), as PyTorch's bilinear with
    /// <c>align_corners=False</c> and no antialiasing. Faster than <see cref="Area"/> but it can alias
    /// when shrinking by more than 2. The same size gives an identical copy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A target side is not positive.</exception>
    public static Image Bilinear(Image image, int width, int height) => Resample(image, width, height, bilinear: true);

    /// <summary>Resamples with <see cref="Area"/> or <see cref="Bilinear"/>, as <paramref name="resampling"/> says.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A target side is not positive, or the method is unknown.</exception>
    public static Image To(Image image, int width, int height, Resampling resampling) => resampling switch
    {
        Resampling.Area => Area(image, width, height),
        Resampling.Bilinear => Bilinear(image, width, height),
        _ => throw new ArgumentOutOfRangeException(nameof(resampling), $"Unknown resampling {resampling}; use Area or Bilinear."),
    };

    private static Image Resample(Image image, int width, int height, bool bilinear)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckSide(width, nameof(width));
        CheckSide(height, nameof(height));
        int channels = image.Channels;
        var output = new Image(width, height, channels);
        if (width == image.Width && height == image.Height)
        {
            image.Pixels.CopyTo(output.Pixels, 0);
            return output;
        }

        bool premultiply = channels == 4;
        var source = new float[image.Pixels.Length];
        for (int p = 0; p < source.Length; p += channels)
        {
            float scale = premultiply ? image.Pixels[p + 3] / 255f : 1f;
            for (int c = 0; c < channels; c++)
                source[p + c] = premultiply && c < 3 ? image.Pixels[p + c] * scale : image.Pixels[p + c];
        }

        var columns = Weights(image.Width, width, bilinear);
        var rows = Weights(image.Height, height, bilinear);
        float[] result;
        // Both orders give the same result; the smaller intermediate is cheaper, and it is at most the
        // geometric mean of the source and result sizes, so it always fits in an array.
        if ((long)width * image.Height <= (long)image.Width * height)
            result = ResampleRows(ResampleColumns(source, image.Width, image.Height, channels, columns), width, rows, channels);
        else
            result = ResampleColumns(ResampleRows(source, image.Width, rows, channels), image.Width, height, channels, columns);

        var pixels = output.Pixels;
        for (int p = 0; p < pixels.Length; p += channels)
        {
            float alpha = premultiply ? result[p + 3] : 255f;
            for (int c = 0; c < channels; c++)
            {
                float value = result[p + c];
                if (premultiply && c < 3)
                    value = alpha > 0 ? value * 255f / alpha : 0f;
                pixels[p + c] = ToByte(value);
            }
        }
        return output;
    }

    /// <summary>
    /// The centred <paramref name="width"/> × <paramref name="height"/> part of <paramref name="image"/>;
    /// when the margin to remove is odd, the extra pixel is taken from the right or bottom.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive.</exception>
    /// <exception cref="ArgumentException">The crop is larger than the image.</exception>
    public static Image CenterCrop(Image image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckSide(width, nameof(width));
        CheckSide(height, nameof(height));
        if (width > image.Width || height > image.Height)
            throw new ArgumentException($"Cannot crop {width}x{height} out of a {image.Width}x{image.Height} image; the crop must fit inside it (resize first).");
        return Crop(image, (image.Width - width) / 2, (image.Height - height) / 2, width, height);
    }

    /// <summary>
    /// A <paramref name="size"/> × <paramref name="size"/> square: the short side scaled to
    /// <paramref name="size"/> and the long side centre-cropped. The crop is taken first (the
    /// centred square of side min(width, height), as <see cref="CenterCrop"/> places it) and then
    /// resampled with <see cref="Area"/> (or <see cref="Bilinear"/>), so no work is spent on pixels
    /// that are cut away.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public static Image ToSquare(Image image, int size, Resampling resampling = Resampling.Area)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckSide(size, nameof(size));
        int side = Math.Min(image.Width, image.Height);
        var square = side == image.Width && side == image.Height ? image : CenterCrop(image, side, side);
        return To(square, size, size, resampling);
    }

    private static Image Crop(Image image, int x, int y, int width, int height)
    {
        var output = new Image(width, height, image.Channels);
        int rowBytes = width * image.Channels;
        for (int row = 0; row < height; row++)
            image.GetRow(y + row).Slice(x * image.Channels, rowBytes).CopyTo(output.GetRow(row));
        return output;
    }

    private static void CheckSide(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(name, $"The target {name} must be at least 1 pixel, got {value}.");
    }

    private static byte ToByte(float value) => value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)(value + 0.5f);

    /// <summary>For each output index along one axis, the source indices and weights it combines.</summary>
    private static (int First, float[] Weights)[] Weights(int sourceLength, int targetLength, bool bilinear)
    {
        var result = new (int, float[])[targetLength];
        if (targetLength <= sourceLength && !bilinear)
        {
            // Output o covers [o * source, (o + 1) * source) and source pixel i covers
            // [i * target, (i + 1) * target), both in units of 1 / target: the overlaps are exact integers.
            for (int o = 0; o < targetLength; o++)
            {
                long start = (long)o * sourceLength, end = start + sourceLength;
                int first = (int)(start / targetLength), last = (int)((end - 1) / targetLength);
                var weights = new float[last - first + 1];
                for (int i = first; i <= last; i++)
                {
                    long overlap = Math.Min(end, (long)(i + 1) * targetLength) - Math.Max(start, (long)i * targetLength);
                    weights[i - first] = (float)((double)overlap / sourceLength);
                }
                result[o] = (first, weights);
            }
        }
        else
        {
            double ratio = (double)sourceLength / targetLength;
            for (int o = 0; o < targetLength; o++)
            {
                double x = Math.Clamp((o + 0.5) * ratio - 0.5, 0, sourceLength - 1);
                int first = Math.Min((int)x, sourceLength - 1);
                float t = (float)(x - first);
                result[o] = first + 1 < sourceLength ? (first, [1 - t, t]) : (first, [1f]);
            }
        }
        return result;
    }

    private static float[] ResampleColumns(float[] source, int sourceWidth, int height, int channels, (int First, float[] Weights)[] columns)
    {
        int width = columns.Length;
        var output = new float[width * height * channels];
        for (int y = 0; y < height; y++)
        {
            int sourceRow = y * sourceWidth * channels, outputRow = y * width * channels;
            for (int x = 0; x < width; x++)
            {
                var (first, weights) = columns[x];
                for (int c = 0; c < channels; c++)
                {
                    float sum = 0;
                    for (int k = 0; k < weights.Length; k++)
                        sum += weights[k] * source[sourceRow + (first + k) * channels + c];
                    output[outputRow + x * channels + c] = sum;
                }
            }
        }
        return output;
    }

    private static float[] ResampleRows(float[] source, int width, (int First, float[] Weights)[] rows, int channels)
    {
        int stride = width * channels, height = rows.Length;
        var output = new float[stride * height];
        for (int y = 0; y < height; y++)
        {
            var (first, weights) = rows[y];
            var target = output.AsSpan(y * stride, stride);
            for (int k = 0; k < weights.Length; k++)
            {
                float w = weights[k];
                var row = source.AsSpan((first + k) * stride, stride);
                for (int i = 0; i < stride; i++)
                    target[i] += w * row[i];
            }
        }
        return output;
    }
}
