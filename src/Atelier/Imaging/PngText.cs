using System.Text;

namespace Atelier.Imaging;

/// <summary>
/// A text entry of a PNG file: a keyword (1 to 79 Latin-1 characters) and its text. Written as an
/// uncompressed iTXt chunk (UTF-8, no language tag); read from uncompressed iTXt and from tEXt.
/// </summary>
public sealed record PngText(string Keyword, string Text)
{
    internal byte[] ToITxt()
    {
        if (Keyword.Length is < 1 or > 79 || Keyword.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException($"a PNG text keyword has 1 to 79 printable ASCII characters, got '{Keyword}'");
        // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text
        return [.. Encoding.Latin1.GetBytes(Keyword), 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(Text)];
    }

    /// <summary>The text of an iTXt or tEXt chunk; null for any other chunk or a malformed one.</summary>
    internal static PngText? FromChunk(PngChunk chunk)
    {
        if (chunk.Type is not ("tEXt" or "iTXt")) return null;
        var data = chunk.Data;
        var end = Array.IndexOf(data, (byte)0);
        if (end is < 1 or > 79) return null;
        var keyword = Encoding.Latin1.GetString(data, 0, end);
        if (chunk.Type == "tEXt") return new PngText(keyword, Encoding.Latin1.GetString(data, end + 1, data.Length - end - 1));
        if (data.Length < end + 3) return null;
        var compressed = data[end + 1] == 1;
        var language = Array.IndexOf(data, (byte)0, end + 3);
        var translated = language < 0 ? -1 : Array.IndexOf(data, (byte)0, language + 1);
        if (translated < 0) return null;
        // Compressed iTXt is not read: Atelier writes its text uncompressed, and inflating untrusted text needs limits.
        return compressed ? null : new PngText(keyword, Encoding.UTF8.GetString(data.AsSpan(translated + 1)));
    }
}
