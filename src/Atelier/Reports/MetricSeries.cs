namespace Atelier.Reports;

/// <summary>One named line of a <see cref="Chart"/>: (x, y) points drawn in the given order; points with a NaN or infinite coordinate are skipped.</summary>
/// <param name="Name">Shown in the chart's legend, e.g. "loss_d".</param>
/// <param name="Points">X is usually the step or epoch.</param>
public sealed record MetricSeries(string Name, IReadOnlyList<(double X, double Y)> Points);
