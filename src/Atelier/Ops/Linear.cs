namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// y = x W^T + b for x (N, in), W (out, in), b (out) — PyTorch's layout. Gradients: g W, g^T x, sum of g.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        if (x.Rank != 2 || weight.Rank != 2 || x.Dims[1] != weight.Dims[1])
            throw new ArgumentException($"linear: input {ShapeMath.Format(x.Dims)} does not fit weight {ShapeMath.Format(weight.Dims)} (expected input (N, {(weight.Rank == 2 ? weight.Dims[1] : '?')}))");
        if (bias is not null && (bias.Rank != 1 || bias.Dims[0] != weight.Dims[0]))
            throw new ArgumentException($"linear: bias {ShapeMath.Format(bias.Dims)} does not fit weight {ShapeMath.Format(weight.Dims)}");
        var y = MatMul(x, weight, transposeB: true); // (N, out)
        return bias is null ? y : y + bias;
    }
}
