namespace Atelier.Data;

/// <summary>
/// A dataset file failed one of the reader's checks. The message is a single line of the form
/// <c>"{file}: {problem}"</c>.
/// </summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="fileName"/> and the failed check <paramref name="problem"/>.</summary>
    public DatasetFormatException(string fileName, string problem, Exception? innerException = null)
        : base(OneLine($"{fileName}: {problem}"), innerException)
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
