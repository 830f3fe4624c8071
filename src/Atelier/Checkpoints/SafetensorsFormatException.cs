namespace Atelier.Checkpoints;

/// <summary>
/// A safetensors file failed one of the reader's checks. The message is a single line of the
/// form <c>"{file}: {problem}"</c>.
/// </summary>
public sealed class SafetensorsFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="fileName"/> and the failed check <paramref name="problem"/>.</summary>
    public SafetensorsFormatException(string fileName, string problem)
        : base(OneLine($"{fileName}: {problem}"))
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file (or stream description) that was being read.</summary>
    public string FileName { get; }

    /// <summary>The failed check, without the file name.</summary>
    public string Problem { get; }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
