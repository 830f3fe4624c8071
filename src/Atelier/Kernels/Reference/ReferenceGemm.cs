namespace Atelier.Kernels.Reference;

/// <summary>The plain triple loop that every optimised GEMM is tested against.</summary>
internal static class ReferenceGemm
{
    public static void Run(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    var av = transA ? a[p * lda + i] : a[i * lda + p];
                    var bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += (double)av * bv;
                }
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + (float)sum : (float)sum;
            }
    }
}
