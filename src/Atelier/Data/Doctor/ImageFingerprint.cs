using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using Atelier.Imaging;

namespace Atelier.Data.Doctor;

/// <summary>The two things duplicates are found by: a hash of the decoded pixels, and a small thumbnail compared by distance.</summary>
internal static class ImageFingerprint
{
    public const int ThumbnailSize = 32;

    /// <summary>
    /// SHA-256 of the size and pixels in the fewest channels that hold them exactly (opaque RGBA as RGB, RGB with
    /// R = G = B as grey), so that the same picture saved as a grey PNG and a 24-bit BMP hashes the same.
    /// </summary>
    public static string PixelHash(Image image)
    {
        var (channels, pixels) = Reduced(image);
        var header = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(header, image.Width);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), image.Height);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), channels);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(header);
        sha.AppendData(pixels);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// The image in grey, area-resampled to 32x32 (whatever its aspect), minus its mean and scaled to unit length:
    /// brightness shifts and contrast stretches leave it unchanged. A flat image gives all zeros.
    /// </summary>
    public static float[] Thumbnail(Image image)
    {
        var small = Resize.Area(ImageChannels.ToGrey(image), ThumbnailSize, ThumbnailSize);
        var values = new float[ThumbnailSize * ThumbnailSize];   // (32 * 32)
        for (int i = 0; i < values.Length; i++) values[i] = small.Pixels[i];
        float mean = TensorPrimitives.Sum<float>(values) / values.Length;
        TensorPrimitives.Subtract(values, mean, values);
        float norm = TensorPrimitives.Norm<float>(values);
        if (norm < 1e-3f)
            Array.Clear(values);
        else
            TensorPrimitives.Divide(values, norm, values);
        return values;
    }

    /// <summary>The Euclidean distance between two thumbnails: sqrt(2 (1 - r)) for their correlation r.</summary>
    public static double Distance(float[] a, float[] b) => TensorPrimitives.Distance<float>(a, b);

    private static (int Channels, byte[] Pixels) Reduced(Image image)
    {
        var pixels = image.Pixels;
        int channels = image.Channels;
        if (channels == 4 && AllOpaque(pixels))
        {
            var rgb = new byte[pixels.Length / 4 * 3];
            for (int p = 0, q = 0; p < pixels.Length; p += 4, q += 3)
            {
                rgb[q] = pixels[p];
                rgb[q + 1] = pixels[p + 1];
                rgb[q + 2] = pixels[p + 2];
            }
            (channels, pixels) = (3, rgb);
        }
        if (channels == 3 && AllGrey(pixels))
        {
            var grey = new byte[pixels.Length / 3];
            for (int i = 0; i < grey.Length; i++) grey[i] = pixels[3 * i];
            (channels, pixels) = (1, grey);
        }
        return (channels, pixels);
    }

    private static bool AllOpaque(byte[] rgba)
    {
        for (int p = 3; p < rgba.Length; p += 4)
        {
            if (rgba[p] != 255) return false;
        }
        return true;
    }

    private static bool AllGrey(byte[] rgb)
    {
        for (int p = 0; p < rgb.Length; p += 3)
        {
            if (rgb[p] != rgb[p + 1] || rgb[p] != rgb[p + 2]) return false;
        }
        return true;
    }
}
