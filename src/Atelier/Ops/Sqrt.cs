using System.Numerics.Tensors;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Square root. Gradient: g / (2 sqrt(x)).</summary>
    public Tensor Sqrt()
    {
        var y = EmptyLike(this);
        TensorPrimitives.Sqrt(Data, y.Data);
        return y.Record("sqrt", [this], g => [g / (y * 2f)]);
    }
}
