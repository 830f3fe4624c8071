using System.CommandLine;
using Atelier.Cli.Training;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier resume RUN_DIR [--epochs N]</c>: continues a run exactly where it stopped.</summary>
public static class ResumeCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("run") { Description = "The run directory to continue." };
        var epochs = new Option<int?>("--epochs") { Description = "The new total number of epochs (default: the run's own)." };
        var quiet = Common.QuietOption();
        var command = new Command("resume", "Continue a training run from its last checkpoint.") { directory, epochs, quiet };
        command.SetAction((parse, cancellation) =>
        {
            var root = parse.GetValue(directory)!;
            var writer = parse.InvocationConfiguration.Output;
            var run = Common.UserErrors(() => TrainingRun.Resume(root, parse.GetValue(epochs), parse.GetValue(quiet) ? null : writer.WriteLine));
            var quietRun = parse.GetValue(quiet);
            if (run.State.Epoch >= run.Config.Epochs)
            {
                if (!quietRun) writer.WriteLine($"{root} has already trained {run.State.Epoch} of {run.Config.Epochs} epochs; pass --epochs N to train further.");
                return Task.FromResult(CommandRunner.Success);
            }
            if (!quietRun) writer.WriteLine($"Resuming {root} at epoch {run.State.Epoch + 1} of {run.Config.Epochs} (step {run.State.Step})");
            ProgressDisplay.Run(run, quietRun, writer, cancellation);
            if (!quietRun) Common.PrintRunSummary(run, writer);
            return Task.FromResult(CommandRunner.Success);
        });
        return command;
    }
}
