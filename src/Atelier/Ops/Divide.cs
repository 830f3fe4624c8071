using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>a / b element-wise with broadcasting. Gradients: g/b and -g*a/b^2.</summary>
    public static Tensor Divide(Tensor a, Tensor b)
    {
        var y = Empty(ShapeMath.Broadcast(a.Dims, b.Dims, "divide"));
        Broadcasting.Binary<DivideOperator>(a, b, y);
        return y.Record("divide", [a, b], g => [
            a.RequiresGrad ? (g / b).SumTo(a.Dims) : null,
            b.RequiresGrad ? (-(g * a) / (b * b)).SumTo(b.Dims) : null]);
    }

    public static Tensor operator /(Tensor a, Tensor b) => Divide(a, b);
    public static Tensor operator /(Tensor a, float s) => MultiplyScalar(a, 1f / s);
    public static Tensor operator /(float s, Tensor a) => Divide(Scalar(s), a);
}
