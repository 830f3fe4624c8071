using Atelier.Kernels;
using Atelier.Models;

namespace Atelier.Cli.Bench;

/// <summary>The benchmark workloads of MODELS.md, by name.</summary>
public static class Workloads
{
    /// <summary>A named measurement; <see cref="Measure"/> returns the value and the managed bytes allocated per call (null when not measured).</summary>
    public sealed record Workload(string Name, string Unit, Func<(double Value, double? AllocatedBytes)> Measure);

    public static IReadOnlyList<Workload> All { get; } =
    [
        TrainStep("seed-gan"), TrainStep("dcgan"), TrainStep("mlp-vae"), TrainStep("conv-vae"),
        Sample("dcgan", 256),
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

    /// <summary>One full optimisation step of a catalog model (MODELS.md's "train step") at its reference batch size, in ms.</summary>
    private static Workload TrainStep(string model) => new(model, "ms/step", () =>
    {
        var random = new Generator(0);
        var network = ModelCatalog.Create(model, random);
        var spec = network.Spec;
        var images = Tensor.Uniform([spec.DefaultBatch, spec.Channels, spec.ImageSize, spec.ImageSize], random);
        var timing = BenchTimer.Measure(() => network.TrainStep(images, random));
        return (timing.MedianSeconds * 1e3, timing.AllocatedBytesPerCall);
    });

    /// <summary>Generation in evaluation mode without gradients, batches of <paramref name="batch"/>: microseconds per image.</summary>
    private static Workload Sample(string model, int batch) => new($"{model}-sample", "us/image", () =>
    {
        var random = new Generator(0);
        var trained = ModelCatalog.Create(model, random);
        var timing = BenchTimer.Measure(() => trained.Generate(trained.SampleLatents(batch, random)));
        return (timing.MedianSeconds * 1e6 / batch, timing.AllocatedBytesPerCall);
    });

    private static Workload Sgemm(int n, IBackend? backend = null, string prefix = "") => new($"{prefix}sgemm-{n}", "GFLOP/s", () =>
    {
        var gemm = backend ?? Backend.Current;
        var generator = new Generator(n);
        var a = Tensor.Normal([n, n], generator);
        var b = Tensor.Normal([n, n], generator);
        var c = new Tensor(n, n);
        var timing = BenchTimer.Measure(() =>
            gemm.Gemm(false, false, n, n, n, a.Data, n, b.Data, n, c.Data, n, accumulate: false));
        return (2.0 * n * n * n / timing.MedianSeconds / 1e9, null);
    });
}
