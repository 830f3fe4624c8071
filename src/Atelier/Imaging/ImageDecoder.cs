using Atelier.Imaging.Jpeg;

namespace Atelier.Imaging;

/// <summary>
/// Decodes PNG, BMP or JPEG, chosen by the file's first bytes (its magic number), never by its
/// extension, through <see cref="PngDecoder"/>, <see cref="BmpDecoder"/> or <see cref="JpegDecoder"/>.
/// </summary>
public static class ImageDecoder
{
    private static ReadOnlySpan<byte> PngSignature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>The file extensions image folders pick up (compared in any letter case).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".bmp", ".jpg", ".jpeg"];

    /// <summary>Whether <paramref name="path"/> ends in one of <see cref="Extensions"/>, in any letter case.</summary>
    public static bool HasImageExtension(string path)
    {
        string extension = Path.GetExtension(path);
        foreach (string known in Extensions)
        {
            if (extension.Equals(known, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>Decodes a complete PNG, BMP or JPEG file held in <paramref name="data"/>.</summary>
    /// <exception cref="ImageFormatException">The data is none of the three, or its decoder rejects it.</exception>
    public static Image Decode(ReadOnlySpan<byte> data, PngLimits? limits = null)
    {
        if (data.StartsWith(PngSignature))
            return PngDecoder.Decode(data, limits);
        if (JpegDecoder.HasSignature(data))
            return JpegDecoder.Decode(data, limits);
        if (BmpDecoder.HasSignature(data))
            return BmpDecoder.Decode(data, limits);
        throw new ImageFormatException("not a PNG, BMP or JPEG image (its first bytes match none of them)");
    }

    /// <summary>Decodes the PNG, BMP or JPEG file at <paramref name="path"/>; error messages start with the path.</summary>
    /// <exception cref="ImageFormatException">The file is none of the three, or its decoder rejects it.</exception>
    public static Image Decode(string path, PngLimits? limits = null) => ImageFile.Decode(path, limits, Decode);
}
