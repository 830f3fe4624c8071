using System.Numerics.Tensors;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>|x|. Gradient: g * sign(x) (0 at 0, as in PyTorch).</summary>
    public Tensor Abs()
    {
        var y = EmptyLike(this);
        TensorPrimitives.Abs(Data, y.Data);
        var x = this;
        return y.Record("abs", [x], g => [g * x.Map(v => MathF.Sign(v))]);
    }
}
