using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// y = x W^T + b for x (N, in), W (out, in), b (out) — PyTorch's layout. Gradients: g W, g^T x, sum of g.
    /// The bias is written into y first and the product accumulated onto it, so adding it costs no extra pass.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        if (x.Rank != 2 || weight.Rank != 2 || x.Dims[1] != weight.Dims[1])
            throw new ArgumentException($"linear: input {ShapeMath.Format(x.Dims)} does not fit weight {ShapeMath.Format(weight.Dims)} (expected input (N, {(weight.Rank == 2 ? weight.Dims[1] : '?')}))");
        if (bias is not null && (bias.Rank != 1 || bias.Dims[0] != weight.Dims[0]))
            throw new ArgumentException($"linear: bias {ShapeMath.Format(bias.Dims)} does not fit weight {ShapeMath.Format(weight.Dims)}");
        var (n, inFeatures, outFeatures) = (x.Dims[0], x.Dims[1], weight.Dims[0]);
        var y = Empty(n, outFeatures);
        var yd = y.Data;
        if (bias is not null)
        {
            var b = bias.Data;
            for (var i = 0; i < n; i++) b.CopyTo(yd.Slice(i * outFeatures, outFeatures));
        }
        Backend.Current.Gemm(false, true, n, outFeatures, inFeatures, x.Data, inFeatures, weight.Data, inFeatures, yd, outFeatures, accumulate: bias is not null);
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return y.Record("linear", inputs, g => bias is null
            ? [x.RequiresGrad ? MatMul(g, weight) : null, weight.RequiresGrad ? MatMul(g, x, transposeA: true) : null]
            : [x.RequiresGrad ? MatMul(g, weight) : null, weight.RequiresGrad ? MatMul(g, x, transposeA: true) : null, bias.RequiresGrad ? g.Sum(0) : null]);
    }
}
