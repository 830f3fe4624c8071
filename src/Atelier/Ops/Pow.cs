using System.Numerics.Tensors;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>x^p for a constant exponent p. Gradient: p * x^(p-1) * g.</summary>
    public Tensor Pow(float p)
    {
        var y = EmptyLike(this);
        if (p == 2f) TensorPrimitives.Multiply(Data, Data, y.Data);
        else TensorPrimitives.Pow(Data, p, y.Data);
        var x = this;
        return y.Record("pow", [x], g => [p == 1f ? g : g * (p == 2f ? x * 2f : x.Pow(p - 1f) * p)]);
    }
}
