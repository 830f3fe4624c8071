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

    /// <summary>The same multiply through OpenBLAS, for a ratio measured in the same run; null without OpenBLAS.</summary>
    public static IReadOnlyList<Workload> OpenBlasReferences()
    {
        var blas = OpenBlasBackend.TryLoad(out _);
        if (blas is null) return [];
        blas.SetThreads(Backend.Threads);
        return [.. new[] { 256, 512, 1024 }.Select(n => Sgemm(n, blas, "openblas-"))];
    }

    private static Workload Sgemm(int n, IBackend? backend = null, string prefix = "") => new($"{prefix}sgemm-{n}", "GFLOP/s", () =>
    {
        var gemm = backend ?? Backend.Current;
        var generator = new Generator(n);
        var a = Tensor.Normal([n, n], generator);
        var b = Tensor.Normal([n, n], generator);
        var c = new Tensor(n, n);
        var seconds = BenchTimer.MedianSeconds(() =>
            gemm.Gemm(false, false, n, n, n, a.Data, n, b.Data, n, c.Data, n, accumulate: false));
        return 2.0 * n * n * n / seconds / 1e9;
    });
}
