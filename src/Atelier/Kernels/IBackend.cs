namespace Atelier.Kernels;

/// <summary>
/// The heavy kernels that a compute backend provides. The managed SIMD backend is the default; another
/// one (OpenBLAS, a GPU) plugs in here through <see cref="Backend.Current"/>.
/// </summary>
public interface IBackend
{
    string Name { get; }

    /// <summary>
    /// C = op(A) op(B), or C += op(A) op(B) when <paramref name="accumulate"/>. op(A) is (m, k), op(B) is (k, n),
    /// C is (m, n); all row-major with leading dimensions lda, ldb, ldc. op(X) = X^T when its flag is set.
    /// </summary>
    void Gemm(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate);
}
