using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>a - b with broadcasting.</summary>
    public static Tensor Subtract(Tensor a, Tensor b)
    {
        var y = Empty(ShapeMath.Broadcast(a.Dims, b.Dims, "subtract"));
        Broadcasting.Binary<SubtractOperator>(a, b, y);
        return y.Record("subtract", [a, b], g => [g.SumTo(a.Dims), (-g).SumTo(b.Dims)]);
    }

    public static Tensor operator -(Tensor a, Tensor b) => Subtract(a, b);
    public static Tensor operator -(Tensor a, float s) => AddScalar(a, -s);
    public static Tensor operator -(float s, Tensor a) => AddScalar(Negate(a), s);
}
