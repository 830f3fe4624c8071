using System.Buffers.Binary;

namespace Atelier.Data.Doctor;

/// <summary>What a file's first bytes say it is, without decoding it: its format and, for PNG, BMP and JPEG, its channel mode as stored.</summary>
internal static class ImageSniffer
{
    public const string Png = "PNG", Jpeg = "JPEG", Bmp = "BMP", Text = "text";

    /// <summary>The file extensions of image formats Atelier does not decode: such files are reported, not ignored.</summary>
    public static IReadOnlyList<string> UnsupportedExtensions { get; } = [".gif", ".webp", ".tif", ".tiff", ".heic", ".avif", ".ico", ".psd"];

    /// <summary>The format the content starts like ("PNG", "GIF", "text"...), or null when unknown.</summary>
    public static string? Format(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[137, 80, 78, 71, 13, 10, 26, 10])) return Png;
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (data.StartsWith("BM"u8)) return Bmp;
        if (data.StartsWith("GIF8"u8)) return "GIF";
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return "WebP";
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)) return "TIFF";
        if (data.StartsWith((ReadOnlySpan<byte>)[0, 0, 1, 0])) return "ICO";
        if (data.StartsWith("8BPS"u8)) return "PSD";
        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8)) return "HEIF/AVIF";
        return LooksLikeText(data) ? Text : null;
    }

    /// <summary>Whether the format is the one the extension names (.png for PNG, .jpg or .jpeg for JPEG, .bmp for BMP).</summary>
    public static bool ExtensionMatches(string path, string format)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return format switch
        {
            Png => extension == ".png",
            Jpeg => extension is ".jpg" or ".jpeg",
            Bmp => extension == ".bmp",
            _ => true,
        };
    }

    /// <summary>The channel mode as the file stores it (grey, grey+alpha, RGB, RGBA, palette, CMYK), or null when the header does not say.</summary>
    public static string? Mode(ReadOnlySpan<byte> data, string format)
    {
        if (format == Png && data.Length >= 26)
        {
            return data[25] switch { 0 => "grey", 2 => "RGB", 3 => "palette", 4 => "grey+alpha", 6 => "RGBA", _ => null };
        }
        if (format == Bmp && data.Length >= 30)
        {
            int headerSize = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
            int offset = headerSize == 12 ? 24 : 28;
            int bits = BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
            return bits switch { <= 8 => "palette", 16 or 24 => "RGB", 32 => "RGBA", _ => null };
        }
        if (format == Jpeg)
            return JpegComponents(data) switch { 1 => "grey", 3 => "RGB", 4 => "CMYK", _ => null };
        return null;
    }

    // The component count of the first frame header (SOF0 to SOF15 but not DHT, JPG, DAC), or 0.
    private static int JpegComponents(ReadOnlySpan<byte> data)
    {
        int position = 2;
        while (position + 4 <= data.Length && data[position] == 0xFF)
        {
            int marker = data[position + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
                return position + 9 < data.Length ? data[position + 9] : 0;
            if (marker == 0xDA || length < 2) return 0;
            position += 2 + length;
        }
        return 0;
    }

    // Printable ASCII or UTF-8 and whitespace in the first 512 bytes, no NUL.
    private static bool LooksLikeText(ReadOnlySpan<byte> data)
    {
        var start = data[..Math.Min(data.Length, 512)];
        foreach (byte b in start)
        {
            if (b < 32 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t')) return false;
            if (b == 127) return false;
        }
        return start.Length > 0;
    }
}
