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

    /// <summary>Runs the command and asserts it succeeded, naming the command and its error output if not.</summary>
    public static void Ok(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result.Error}");
    }

    /// <summary>Asserts exit code 1 and exactly one "error: ..." line containing <paramref name="phrase"/>.</summary>
    public static void AssertUserError(Result result, string phrase)
    {
        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got: {result.Error}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(phrase, lines[0]);
    }
}
