using System.Numerics.Tensors;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Natural logarithm. Gradient: g / x.</summary>
    public Tensor Log()
    {
        var y = EmptyLike(this);
        TensorPrimitives.Log(Data, y.Data);
        var x = this;
        return y.Record("log", [x], g => [g / x]);
    }
}
