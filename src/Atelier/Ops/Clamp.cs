using System.Numerics.Tensors;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Limits every element to [min, max]. Gradient: g where min &lt;= x &lt;= max, else 0.</summary>
    public Tensor Clamp(float min = float.NegativeInfinity, float max = float.PositiveInfinity)
    {
        if (min > max) throw new ArgumentException($"Clamp: min {min} is greater than max {max}");
        var y = EmptyLike(this);
        TensorPrimitives.Clamp(Data, min, max, y.Data);
        var x = this;
        return y.Record("clamp", [x], g => [g * x.Map(v => v >= min && v <= max ? 1f : 0f)]);
    }
}
