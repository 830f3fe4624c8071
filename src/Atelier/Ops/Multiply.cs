using System.Numerics.Tensors;
using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>a * b element-wise with broadcasting. Gradients: g*b and g*a, summed to each shape.</summary>
    public static Tensor Multiply(Tensor a, Tensor b)
    {
        var y = Empty(ShapeMath.Broadcast(a.Dims, b.Dims, "multiply"));
        Broadcasting.Binary<MultiplyOperator>(a, b, y);
        return y.Record("multiply", [a, b], g => [
            a.RequiresGrad ? (g * b).SumTo(a.Dims) : null,
            b.RequiresGrad ? (g * a).SumTo(b.Dims) : null]);
    }

    /// <summary>x * s for a constant s.</summary>
    public static Tensor MultiplyScalar(Tensor x, float s)
    {
        var y = EmptyLike(x);
        TensorPrimitives.Multiply(x.Data, s, y.Data);
        return y.Record("multiply-scalar", [x], g => [g * s]);
    }

    public static Tensor operator *(Tensor a, Tensor b) => Multiply(a, b);
    public static Tensor operator *(Tensor a, float s) => MultiplyScalar(a, s);
    public static Tensor operator *(float s, Tensor a) => MultiplyScalar(a, s);
}
