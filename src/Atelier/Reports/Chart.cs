namespace Atelier.Reports;

/// <summary>A line chart of a <see cref="RunReport"/>: several series over a shared x axis.</summary>
/// <param name="Title">Shown above the chart, e.g. "losses".</param>
/// <param name="XLabel">The x axis's label, e.g. "step" or "epoch".</param>
/// <param name="Series">The lines, coloured in this order; the legend lists them all, even those without points.</param>
public sealed record Chart(string Title, string XLabel, IReadOnlyList<MetricSeries> Series);
