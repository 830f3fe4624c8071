using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Atelier.Benchmarks;

/// <summary>GFLOP/s at the median time, for benchmarks with an <see cref="IFlopCount"/> parameter (GEMM, convolution).</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Floating-point operations per second at the median time (2 per multiply-add)";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => FlopsOf(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var medianNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Median;
        return FlopsOf(benchmarkCase) is { } flops && medianNanoseconds > 0
            ? (flops / medianNanoseconds.Value).ToString("F1", style.CultureInfo) // flop per ns = GFLOP/s
            : "-";
    }

    private static double? FlopsOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<IFlopCount>().FirstOrDefault()?.Flops;
}
