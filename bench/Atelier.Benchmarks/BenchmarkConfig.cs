using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Perfolizer.Metrology;

namespace Atelier.Benchmarks;

/// <summary>
/// What every Atelier benchmark shares: the GFLOP/s column, room for the workload names of the parameters,
/// and allocations in KB like `atelier bench` prints them.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddColumn(new GflopsColumn());
        SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(64).WithSizeUnit(SizeUnit.KB);
    }
}
