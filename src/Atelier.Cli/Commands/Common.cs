using System.CommandLine;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary>Options and helpers the commands share.</summary>
internal static class Common
{
    public static Option<bool> QuietOption() => new("--quiet", "-q") { Description = "Print nothing but errors (for scripts)." };

    /// <summary>Runs a library call whose ArgumentExceptions are about the user's input.</summary>
    public static T UserErrors<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException e)
        {
            throw new UserException(e.Message);
        }
    }

    public static void PrintRunSummary(TrainingRun run, TextWriter output)
    {
        output.WriteLine($"Done: {run.State.Epoch} epoch(s), {run.State.Step} steps in {run.State.ElapsedSeconds / 60:0.0} min.");
        output.WriteLine($"  report:      {run.Paths.Report}");
        output.WriteLine($"  samples:     {run.Paths.Samples}");
        output.WriteLine($"  checkpoint:  {run.Paths.LastCheckpoint}");
    }
}
