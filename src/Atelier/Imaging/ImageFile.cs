namespace Atelier.Imaging;

/// <summary>Reading an image file with any of the decoders, so that every format's errors name the file the same way.</summary>
internal static class ImageFile
{
    public delegate Image Decoder(ReadOnlySpan<byte> data, PngLimits? limits);

    /// <summary>Reads <paramref name="path"/> and decodes it; a format error is raised again with the path in front.</summary>
    public static Image Decode(string path, PngLimits? limits, Decoder decode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] data = File.ReadAllBytes(path);
        try
        {
            return decode(data, limits);
        }
        catch (ImageFormatException ex)
        {
            throw new ImageFormatException(ex.Problem, path, ex);
        }
    }
}
