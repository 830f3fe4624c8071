using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product op(a) op(b) for 2-D (m, k) x (k, n), or batched (B, m, k) x (B, k, n); a 2-D
    /// operand is shared by every batch. op(x) = x^T over the last two axes when its flag is set.
    /// Gradients are matrix products again, so they can be differentiated further.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        if (a.Rank is < 2 or > 3 || b.Rank is < 2 or > 3)
            throw new ArgumentException($"matmul: expected 2-D or 3-D operands, got {ShapeMath.Format(a.Dims)} and {ShapeMath.Format(b.Dims)}");
        var (m, ka) = transposeA ? (a.Dims[^1], a.Dims[^2]) : (a.Dims[^2], a.Dims[^1]);
        var (kb, n) = transposeB ? (b.Dims[^1], b.Dims[^2]) : (b.Dims[^2], b.Dims[^1]);
        var batchA = a.Rank == 3 ? a.Dims[0] : 1;
        var batchB = b.Rank == 3 ? b.Dims[0] : 1;
        if (ka != kb || a.Rank == 3 && b.Rank == 3 && batchA != batchB)
            throw new ArgumentException($"matmul: shapes {ShapeMath.Format(a.Dims)}{(transposeA ? "^T" : "")} and {ShapeMath.Format(b.Dims)}{(transposeB ? "^T" : "")} do not match (inner dimensions {ka} and {kb})");
        var batch = Math.Max(batchA, batchB);
        var y = a.Rank == 3 || b.Rank == 3 ? Empty(batch, m, n) : Empty(m, n);
        var (lda, ldb) = (a.Dims[^1], b.Dims[^1]);
        for (var i = 0; i < batch; i++)
        {
            var aSlice = a.Data.Slice(a.Rank == 3 ? i * m * ka : 0, m * ka);
            var bSlice = b.Data.Slice(b.Rank == 3 ? i * ka * n : 0, ka * n);
            Backend.Current.Gemm(transposeA, transposeB, m, n, ka, aSlice, lda, bSlice, ldb, y.Data.Slice(i * m * n, m * n), n, accumulate: false);
        }
        return y.Record("matmul", [a, b], g => [
            a.RequiresGrad ? (transposeA ? MatMul(b, g, transposeB, true) : MatMul(g, b, false, !transposeB)).SumTo(a.Dims) : null,
            b.RequiresGrad ? (transposeB ? MatMul(g, a, true, transposeA) : MatMul(a, g, !transposeA, false)).SumTo(b.Dims) : null]);
    }
}
