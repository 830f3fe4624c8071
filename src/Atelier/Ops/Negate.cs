using System.Numerics.Tensors;

namespace Atelier;

public sealed partial class Tensor
{
    public static Tensor Negate(Tensor x)
    {
        var y = EmptyLike(x);
        TensorPrimitives.Negate(x.Data, y.Data);
        return y.Record("negate", [x], g => [-g]);
    }

    public static Tensor operator -(Tensor x) => Negate(x);
}
