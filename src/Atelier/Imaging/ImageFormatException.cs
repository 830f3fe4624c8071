namespace Atelier.Imaging;

/// <summary>
/// Image data failed one of the decoder's checks. The message is a single line naming the
/// problem, prefixed by <c>"{file}: "</c> when the data came from a file.
/// </summary>
public sealed class ImageFormatException : FormatException
{
    /// <summary>Creates the exception for the failed check <paramref name="problem"/>, optionally in <paramref name="fileName"/>.</summary>
    public ImageFormatException(string problem, string? fileName = null, Exception? innerException = null)
        : base(OneLine(fileName is null ? problem : $"{fileName}: {problem}"), innerException)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file that was being read, or null when decoding bytes or a stream.</summary>
    public string? FileName { get; }

    /// <summary>The failed check, without the file name.</summary>
    public string Problem { get; }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
