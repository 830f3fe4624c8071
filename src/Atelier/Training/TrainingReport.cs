using System.Globalization;
using System.Text.Json;
using Atelier.Reports;

namespace Atelier.Training;

/// <summary>Builds a run's report.html from its metrics, sample grids and configuration.</summary>
internal static class TrainingReport
{
    public static void Write(TrainingRun run, IReadOnlyList<Dictionary<string, double>> rows)
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

        var images = Enumerable.Range(1, state.Epoch)
            .Where(e => File.Exists(run.Paths.EpochSamples(e)))
            .Select(e => new ReportImage($"samples/epoch-{e:D3}.png", $"epoch {e}"))
            .ToList();
        var content = new ReportContent(
            Title: $"Atelier run: {spec.Name}",
            Subtitle: Path.GetFullPath(run.Paths.Root),
            Summary: summary,
            Charts: charts,
            Images: images,
            ConfigText: JsonSerializer.Serialize(run.Config, TrainingRun.JsonOptions));
        RunReport.Write(run.Paths.Report, content);
    }

    private static MetricSeries Series(IEnumerable<Dictionary<string, double>> rows, string x, string y) =>
        new(y, rows.Where(r => r.ContainsKey(x) && r.ContainsKey(y)).Select(r => (r[x], r[y])).ToList());
}
