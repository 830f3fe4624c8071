using System.CommandLine;
using Atelier.Checkpoints;
using Atelier.Data;
using Atelier.Imaging;
using Atelier.NN;

namespace Atelier.Cli;

/// <summary>
/// Parses and runs a command with the exit-code contract: 0 success, 1 a user error reported as one
/// line, 2 an internal error (reported with a request to file a bug, never as a bare stack trace).
/// </summary>
public static class CommandRunner
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    public static int Run(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run 'atelier --help' for usage.");
            return UserError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsUserError(e))
        {
            error.WriteLine($"error: {OneLine(e.Message)}");
            return UserError;
        }
        catch (Exception e)
        {
            error.WriteLine($"internal error: {e.GetType().Name}: {OneLine(e.Message)}");
            error.WriteLine("This is a bug in Atelier; please report it with the command you ran. Set ATELIER_DEBUG=1 for details.");
            if (Environment.GetEnvironmentVariable("ATELIER_DEBUG") == "1") error.WriteLine(e);
            return InternalError;
        }
    }

    private static bool IsUserError(Exception e) => e is UserException or SafetensorsFormatException or StateDictException
        or DatasetFormatException or ImageFormatException or FileNotFoundException or DirectoryNotFoundException
        or UnauthorizedAccessException or NonFiniteTensorException or Atelier.Provenance.ProvenanceException or Atelier.Training.TrainingStoppedException
        or IOException { InnerException: null } and not EndOfStreamException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
