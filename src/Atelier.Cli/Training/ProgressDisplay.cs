using System.Globalization;
using Atelier.Training;
using Spectre.Console;

namespace Atelier.Cli.Training;

/// <summary>
/// Shows training progress: a live bar (epoch, step, losses, images/s, time left) on an interactive
/// terminal, one line per epoch when the output is redirected, nothing with --quiet.
/// </summary>
public static class ProgressDisplay
{
    public static void Run(TrainingRun run, bool quiet, TextWriter output, CancellationToken cancellation)
    {
        if (quiet)
        {
            run.Run(null, cancellation);
            return;
        }
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            run.Run(p =>
            {
                if (p.Batch == p.BatchesPerEpoch) output.WriteLine($"epoch {EpochLabel(p)}  {Describe(p)}");
                foreach (var warning in p.NewWarnings ?? []) output.WriteLine(warning);
            }, cancellation);
            return;
        }
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                run.Run(p =>
                {
                    task.MaxValue = p.Epochs >= TrainConfig.UntilTimeRunsOut ? p.Epoch * (double)p.BatchesPerEpoch : (double)p.Epochs * p.BatchesPerEpoch;
                    task.Value = (double)(p.Epoch - 1) * p.BatchesPerEpoch + p.Batch;
                    task.Description = Markup.Escape($"epoch {EpochLabel(p)} step {p.Batch}/{p.BatchesPerEpoch}  {Describe(p)}");
                    foreach (var warning in p.NewWarnings ?? []) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(warning.ToString())}[/]");
                }, cancellation);
                task.Value = task.MaxValue;
            });
    }

    // A run bounded only by --minutes has no meaningful epoch total.
    private static string EpochLabel(TrainingProgress p) => p.Epochs >= TrainConfig.UntilTimeRunsOut ? $"{p.Epoch}" : $"{p.Epoch}/{p.Epochs}";

    private static string Describe(TrainingProgress p)
    {
        var losses = string.Join("  ", p.Losses.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key} {l.Value:0.###}")));
        if (p.Figures is { Count: > 0 } figures) losses += "  " + string.Join("  ", figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value:0.###}")));
        var left = p.Remaining is TimeSpan r ? $"  {r:mm\\:ss} left" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{losses}  {p.ImagesPerSecond:0} img/s{left}");
    }
}
