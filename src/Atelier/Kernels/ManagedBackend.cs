namespace Atelier.Kernels;

/// <summary>Pure C# kernels: packed, register-blocked SIMD GEMM (AVX-512 or AVX2+FMA), multi-threaded.</summary>
public sealed class ManagedBackend : IBackend
{
    public string Name => $"managed ({PackedGemm.InstructionSet})";

    public void Gemm(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate) =>
        PackedGemm.Run(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}
