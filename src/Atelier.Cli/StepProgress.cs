using System.Globalization;
using Spectre.Console;

namespace Atelier.Cli;

/// <summary>
/// Progress of a fixed number of steps (a projection): a live bar on an interactive terminal, a line every tenth of
/// the way when the output is redirected, nothing when quiet.
/// </summary>
internal static class StepProgress
{
    /// <param name="work">Runs the steps, reporting each finished step and its loss.</param>
    public static T Run<T>(string title, int steps, bool quiet, TextWriter output, Func<Action<int, float>?, T> work)
    {
        if (quiet) return work(null);
        string Describe(int step, float loss) => string.Create(CultureInfo.InvariantCulture, $"{title} step {step}/{steps}  loss {loss:0.####}");
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            var every = Math.Max(1, steps / 10);
            return work((step, loss) =>
            {
                if (step % every == 0 || step == steps) output.WriteLine(Describe(step, loss));
            });
        }
        var result = default(T)!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: steps);
                result = work((step, loss) =>
                {
                    task.Value = step;
                    task.Description = Markup.Escape(Describe(step, loss));
                });
            });
        return result;
    }
}
