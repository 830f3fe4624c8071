using Atelier.Kernels;
using BenchmarkDotNet.Attributes;

namespace Atelier.Benchmarks;

/// <summary>The matrix products that dominate the MODELS.md workloads, through the current backend's GEMM.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    public static IEnumerable<GemmShape> Shapes() =>
    [
        // seed-gan G.8 Linear(1024, 784) at batch 64: y = x W^T, its weight gradient dY^T x, its input gradient dY W.
        new("seed-gan Linear(1024,784) fwd", TransA: false, TransB: true, M: 64, N: 784, K: 1024),
        new("seed-gan Linear(1024,784) dW", TransA: true, TransB: false, M: 784, N: 1024, K: 64),
        new("seed-gan Linear(1024,784) dX", TransA: false, TransB: false, M: 64, N: 1024, K: 784),
        // dcgan G.fc Linear(100, 6272) at batch 64: short and wide.
        new("dcgan Linear(100,6272) fwd", TransA: false, TransB: true, M: 64, N: 6272, K: 100),
        // dcgan D.2 Conv2d(64, 128, 4, 2, 1) on (64, 64, 14, 14) as im2col GEMMs: weight (128, 1024) x patches
        // (1024, 64*49) for the whole batch, and the same product for one image.
        new("dcgan Conv2d(64,128) fwd batch", TransA: false, TransB: false, M: 128, N: 64 * 49, K: 1024),
        new("dcgan Conv2d(64,128) fwd image", TransA: false, TransB: false, M: 128, N: 49, K: 1024),
        new("dcgan Conv2d(64,128) dW batch", TransA: false, TransB: true, M: 128, N: 1024, K: 64 * 49),
        new("dcgan Conv2d(64,128) dX batch", TransA: true, TransB: false, M: 1024, N: 64 * 49, K: 128),
        new("sgemm-256", TransA: false, TransB: false, M: 256, N: 256, K: 256),
    ];

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Generator(1);
        _a = Tensor.Normal([Shape.M * Shape.K], random).ToArray();
        _b = Tensor.Normal([Shape.K * Shape.N], random).ToArray();
        _c = new float[Shape.M * Shape.N];
    }

    [Benchmark]
    public void Gemm() => Backend.Current.Gemm(Shape.TransA, Shape.TransB, Shape.M, Shape.N, Shape.K,
        _a, Shape.Lda, _b, Shape.Ldb, _c, Shape.N, accumulate: false);
}
