using System.Numerics.Tensors;
using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>a + b with broadcasting. Gradients: g summed back to each input's shape.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        var y = Empty(ShapeMath.Broadcast(a.Dims, b.Dims, "add"));
        Broadcasting.Binary<AddOperator>(a, b, y);
        return y.Record("add", [a, b], g => [g.SumTo(a.Dims), g.SumTo(b.Dims)]);
    }

    /// <summary>x + s for a constant s.</summary>
    public static Tensor AddScalar(Tensor x, float s)
    {
        var y = EmptyLike(x);
        TensorPrimitives.Add(x.Data, s, y.Data);
        return y.Record("add-scalar", [x], g => [g]);
    }

    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);
    public static Tensor operator +(Tensor a, float s) => AddScalar(a, s);
    public static Tensor operator +(float s, Tensor a) => AddScalar(a, s);
}
