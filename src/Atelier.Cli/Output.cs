using System.CommandLine;

namespace Atelier.Cli;

/// <summary>Output folders and messages for the commands that write files.</summary>
internal static class Output
{
    public static void EnsureParent(string file)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(file));
        if (parent is not null) EnsureDirectory(parent);
    }

    public static void EnsureDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserException($"cannot create the output folder '{directory}' ({e.Message})");
        }
    }

    public static void Say(ParseResult parse, Option<bool> quiet, string message)
    {
        if (!parse.GetValue(quiet)) parse.InvocationConfiguration.Output.WriteLine(message);
    }
}
