using Atelier.Imaging;

namespace Atelier.Data.Doctor;

/// <summary>One image file as the doctor found it: either a <see cref="Problem"/>, or its size, mode, format and fingerprints.</summary>
internal sealed record InspectedImage(string Path, string? Class)
{
    public FileIssue? Problem { get; init; }
    public FileIssue? Warning { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public string Mode { get; init; } = "";
    public string Format { get; init; } = "";
    public string PixelHash { get; init; } = "";
    public float[] Thumbnail { get; init; } = [];

    private static readonly string[] TruncationWords = ["truncated", "ends early", "ends before", "ends after", "ends inside", "premature end"];

    /// <summary>Reads and decodes the file at <paramref name="path"/> (relative to <paramref name="root"/>).</summary>
    public static InspectedImage Inspect(string root, string path, string? @class)
    {
        var file = new InspectedImage(path, @class);
        if (path.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0 || (@class is not null && @class.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0))
            return file.Failed(FileIssueKind.BadName, "its name holds a tab or line break, which a manifest cannot list; rename it");
        byte[] data;
        try
        {
            data = File.ReadAllBytes(System.IO.Path.Combine(root, path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return file.Failed(FileIssueKind.Unreadable, $"cannot be read: {ex.Message}");
        }
        if (data.Length == 0)
            return file.Failed(FileIssueKind.Empty, "empty file (0 bytes)");
        string? format = ImageSniffer.Format(data);
        if (format is null)
            return file.Failed(FileIssueKind.NotAnImage, "not an image: its first bytes match no image format");
        if (format == ImageSniffer.Text)
            return file.Failed(FileIssueKind.NotAnImage, "not an image: the file holds text");
        if (format is not (ImageSniffer.Png or ImageSniffer.Jpeg or ImageSniffer.Bmp))
            return file.Failed(FileIssueKind.UnsupportedFormat, $"a {format} image, a format Atelier does not read; convert it to PNG");

        Image image;
        try
        {
            image = ImageDecoder.Decode(data);
        }
        catch (ImageFormatException ex)
        {
            var kind = Classify(ex.Problem);
            string what = kind switch { FileIssueKind.Truncated => "truncated", FileIssueKind.UnsupportedFormat => "unsupported", _ => "corrupt" };
            return file.Failed(kind, $"{what} {format}: {ex.Problem}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return file.Failed(FileIssueKind.Corrupt, $"{format} that does not decode ({ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")})");
        }

        string extension = System.IO.Path.GetExtension(path);
        var warning = ImageSniffer.ExtensionMatches(path, format) ? null
            : new FileIssue(path, FileIssueKind.WrongExtension, $"named {extension} but holds a {format} image; rename it to .{(format == ImageSniffer.Jpeg ? "jpg" : format.ToLowerInvariant())}");
        return file with
        {
            Warning = warning,
            Width = image.Width,
            Height = image.Height,
            Format = format,
            Mode = ImageSniffer.Mode(data, format) ?? image.Channels switch { 1 => "grey", 3 => "RGB", _ => "RGBA" },
            PixelHash = ImageFingerprint.PixelHash(image),
            Thumbnail = ImageFingerprint.Thumbnail(image),
        };
    }

    private InspectedImage Failed(FileIssueKind kind, string reason) => this with { Problem = new FileIssue(Path, kind, reason) };

    private static FileIssueKind Classify(string problem)
    {
        if (TruncationWords.Any(w => problem.Contains(w, StringComparison.OrdinalIgnoreCase))) return FileIssueKind.Truncated;
        if (problem.Contains("not supported", StringComparison.OrdinalIgnoreCase)) return FileIssueKind.UnsupportedFormat;
        return FileIssueKind.Corrupt;
    }
}
