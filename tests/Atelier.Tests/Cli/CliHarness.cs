using Atelier.Cli;
using Atelier.Cli.Commands;

namespace Atelier.Tests.Cli;

/// <summary>Runs the atelier command in-process and captures its exit code and output.</summary>
internal static class CliHarness
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var root = AtelierCommands.Root();
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = CommandRunner.Run(root, args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
