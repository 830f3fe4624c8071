using System.Globalization;
using System.Text.Json;
using Atelier.Reports;

namespace Atelier.Training;

/// <summary>Builds a run's report.html from its metrics, sample grids, configuration and latest evaluation.</summary>
public static class TrainingReport
{
    /// <summary>What the report says of a run besides its files.</summary>
    internal sealed record Source(Models.GenerativeModel Model, TrainingState State, TrainConfig Config, string DataDescription, RunPaths Paths, string? Extractor);

    public static void Write(TrainingRun run, IReadOnlyList<Dictionary<string, double>> rows) =>
        Write(new Source(run.Model, run.State, run.Config, run.DataDescription, run.Paths, run.Extractor), rows);

    /// <summary>Writes the report of the run in <paramref name="runDirectory"/> again from its files (after an evaluation, say).</summary>
    public static void Rewrite(string runDirectory, string? dataDescription = null)
    {
        var paths = new RunPaths(runDirectory);
        var (_, config, state, contents) = RunCheckpoint.Read(paths.LastCheckpoint);
        var (model, _) = RunCheckpoint.Restore(config, state, contents, "checkpoints/last.safetensors", withOptimizer: false);
        Write(new Source(model, state, config, dataDescription ?? config.Data, paths, null), MetricsCsv.Read(paths.Metrics));
    }

    private static void Write(Source run, IReadOnlyList<Dictionary<string, double>> rows)
    {
        var spec = run.Model.Spec;
        var state = run.State;
        string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        var summary = new List<(string Name, string Value)>
        {
            ("model", $"{spec.Name}: {spec.Description}"),
            ("data", run.DataDescription),
            ("progress", $"{state.Epoch} of {run.Config.Epochs} epochs, {state.Step} steps, {F(state.ElapsedSeconds / 60)} min"),
        };
        var last = rows.Count > 0 ? rows[^1] : null;
        if (last is not null)
            foreach (var name in run.Model.LossNames)
                if (last.TryGetValue(name, out var v)) summary.Add(($"last {name}", F(v)));
        var heldOut = rows.Where(r => r.TryGetValue("heldout_loss", out var v) && double.IsFinite(v)).ToList();
        if (heldOut.Count > 0)
            summary.Add(("held-out negative ELBO (nats/image)", $"{F(heldOut[^1]["heldout_loss"])} (reconstruction {F(heldOut[^1]["heldout_reconstruction"])}, KL {F(heldOut[^1]["heldout_kl"])})"));

        var charts = new List<Chart>
        {
            new("Training losses", "step", run.Model.LossNames.Where(n => n.StartsWith("loss", StringComparison.Ordinal) || n is "reconstruction" or "kl")
                .Select(n => Series(rows, "step", n)).ToList()),
        };
        if (heldOut.Count > 0)
            charts.Add(new Chart("Held-out negative ELBO (nats per image)", "epoch", [Series(heldOut, "epoch", "heldout_loss")]));
        if (rows.Count > 0 && rows[0].ContainsKey("d_real"))
            charts.Add(new Chart("Discriminator outputs", "step", [Series(rows, "step", "d_real"), Series(rows, "step", "d_fake")]));

        var periodic = rows.Where(r => r.TryGetValue("fid", out var v) && double.IsFinite(v)).ToList();
        if (periodic.Count > 0)
        {
            charts.Add(new Chart("FID and KID x 1000 of fixed-seed samples during training (lower is better)", "epoch",
                [Series(periodic, "epoch", "fid"), new MetricSeries("kid x 1000", periodic.Where(r => r.ContainsKey("kid")).Select(r => (r["epoch"], r["kid"] * 1000)).ToList())]));
            if (periodic[0].ContainsKey("agreement")) charts.Add(new Chart("Class agreement during training", "epoch", [Series(periodic, "epoch", "agreement")]));
            summary.Add(("periodic evaluation", $"every {run.Config.EvalEvery} epoch(s), {run.Config.EvalSamples} samples" + (run.Extractor is null ? "" : $", measured with {run.Extractor}")));
        }
        if (TrainingRun.BestByOf(run.Config, run.Model) is string bestBy && state.BestScore is double bestScore)
            summary.Add(("best checkpoint", $"checkpoints/best.safetensors, by {bestBy} = {F(bestBy == "agreement" ? -bestScore : bestScore)}"));
        var warnings = Health.HealthLog.Read(run.Paths.Health);
        summary.Add(("health", warnings.Count == 0 ? "no warnings" : $"{warnings.Count} warning(s), below"));
        foreach (var w in warnings) summary.Add(($"warning, epoch {w.Epoch} step {w.Step}", $"{w.Message}. Try: {w.Remedy}"));

        var evaluation = Evaluation.RunEvaluation.Latest(run.Paths.Root);
        if (evaluation is not null) summary.AddRange(EvaluationRows(evaluation));

        var images = Enumerable.Range(1, state.Epoch)
            .Where(e => File.Exists(run.Paths.EpochSamples(e)))
            .Select(e => new ReportImage($"samples/epoch-{e:D3}.png", $"epoch {e}"))
            .ToList();
        if (evaluation is not null && File.Exists(Path.Combine(run.Paths.Root, "evaluation", "closest-pairs.png")))
            images.Add(new ReportImage("evaluation/closest-pairs.png", "memorisation check: each sample, its nearest training image in pixels, and in features"));
        var content = new ReportContent(
            Title: $"Atelier run: {spec.Name}",
            Subtitle: Path.GetFullPath(run.Paths.Root),
            Summary: summary,
            Charts: charts,
            Images: images,
            ConfigText: JsonSerializer.Serialize(run.Config, TrainingRun.JsonOptions));
        RunReport.Write(run.Paths.Report, content);
    }

    private static IEnumerable<(string Name, string Value)> EvaluationRows(Evaluation.RunEvaluation e)
    {
        string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        yield return ("evaluation", $"{e.Checkpoint} (epoch {e.Epoch}), {e.Samples} samples against {e.Against}; feature extractor {e.Extractor}, hash {e.ExtractorHash}");
        yield return ("FID / KID (x 10^-3)", $"{F(e.Fid)} / {F(e.Kid * 1000)}" + (double.IsNaN(e.KidStandardError) ? "" : $" ± {F(e.KidStandardError * 1000)}"));
        if (e.Manifold is { } m)
            yield return ("precision / recall / density / coverage", $"{F(m.Precision)} / {F(m.Recall)} / {F(m.Density)} / {F(m.Coverage)}");
        if (e.Classes is int classes)
            yield return ("classes covered", $"{e.ClassesCovered} of {classes}; {F(e.ConfidentShare!.Value * 100)}% recognised (real images {F(e.RealConfidentShare!.Value * 100)}%)"
                + (e.ClassAgreement is double a ? $"; class agreement {F(a * 100)}%" : ""));
        yield return ("memorisation", e.NearCopies == 0 ? $"no near-copies (median distance {F(e.MedianPixelRatio)} x the training images' spacing)" : $"{e.NearCopies} near-copies of training images");
        if (e.Likelihood is { } l)
            yield return ("held-out likelihood", $"-ELBO {F(l.NegativeElbo)} nats (reconstruction {F(l.Reconstruction)}, KL {F(l.Kl)}); IWAE (k={l.K}) {F(l.ImportanceWeightedNll)} nats, {F(l.BitsPerDimension)} bits/dim; {l.ProtocolText}");
        if (e.ActiveUnits is int units) yield return ("active latent units", $"{units} of {e.LatentDim}");
    }

    private static MetricSeries Series(IEnumerable<Dictionary<string, double>> rows, string x, string y) =>
        new(y, rows.Where(r => r.ContainsKey(x) && r.ContainsKey(y)).Select(r => (r[x], r[y])).ToList());
}
