using System.CommandLine;
using Atelier.Provenance;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary>Options and helpers the commands share.</summary>
internal static class Common
{
    public static Option<bool> QuietOption() => new("--quiet", "-q") { Description = "Print nothing but errors (for scripts)." };

    /// <summary>Runs a library call whose ArgumentExceptions and FormatExceptions are about the user's input.</summary>
    public static T UserErrors<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new UserException(e.Message);
        }
    }

    /// <summary>The images of a provenance's cells, (N, C, H, W) in [0, 1].</summary>
    public static Tensor Generate(Models.GenerativeModel model, ImageProvenance provenance) =>
        UserErrors(() => model.Generate(provenance.Latents(), provenance.Labels()));

    public static Option<string?> ClassOption(string description) =>
        new("--class") { Description = $"For a conditional model: {description}." };

    /// <summary>The class the user named (by name or index), or null when none was named.</summary>
    public static int? ClassIndex(string? wanted, LoadedModel loaded)
    {
        if (wanted is null) return null;
        var model = loaded.Model;
        if (model.Classes == 0) throw new UserException("--class needs a class-conditional model; this one is unconditional");
        var names = loaded.Config.ClassNames ?? [];
        var byName = names.ToList().IndexOf(wanted);
        if (byName >= 0) return byName;
        if (int.TryParse(wanted, out var index) && index >= 0 && index < model.Classes) return index;
        var known = names.Count > 0 ? string.Join(", ", names) : $"0 to {model.Classes - 1}";
        throw new UserException($"--class '{wanted}' is not one of the model's classes: {known}");
    }

    /// <summary>The cell drawn as class <paramref name="label"/> (null: unconditional), with the class's name when the run recorded one.</summary>
    public static ProvenanceCell WithClass(ProvenanceCell cell, int? label, LoadedModel loaded) =>
        cell with { Class = label, ClassName = label is int c ? loaded.Config.ClassNames?.ElementAtOrDefault(c) : null };

    public static void PrintRunSummary(TrainingRun run, TextWriter output)
    {
        output.WriteLine($"Done: {run.State.Epoch} epoch(s), {run.State.Step} steps in {run.State.ElapsedSeconds / 60:0.0} min.");
        output.WriteLine($"  report:      {run.Paths.Report}");
        output.WriteLine($"  samples:     {run.Paths.Samples}");
        output.WriteLine($"  checkpoint:  {run.Paths.LastCheckpoint}");
    }
}
