using Atelier.Kernels;

namespace Atelier.Cli.Bench;

/// <summary>The benchmark workloads of MODELS.md, by name.</summary>
public static class Workloads
{
    public sealed record Workload(string Name, string Unit, Func<double> Measure);

    public static IReadOnlyList<Workload> All { get; } =
    [
        Sgemm(256), Sgemm(512), Sgemm(1024),
    ];

    private static Workload Sgemm(int n) => new($"sgemm-{n}", "GFLOP/s", () =>
    {
        var generator = new Generator(n);
        var a = Tensor.Normal([n, n], generator);
        var b = Tensor.Normal([n, n], generator);
        var c = new Tensor(n, n);
        var seconds = BenchTimer.MedianSeconds(() =>
            Backend.Current.Gemm(false, false, n, n, n, a.Data, n, b.Data, n, c.Data, n, accumulate: false));
        return 2.0 * n * n * n / seconds / 1e9;
    });
}
