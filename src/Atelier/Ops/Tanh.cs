using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Hyperbolic tangent. Gradient: g (1 - y^2).</summary>
    public Tensor Tanh()
    {
        var y = EmptyLike(this);
        VectorMath.Tanh(Data, y.Data);
        return y.Record("tanh", [this], g => [g * (1f - y * y)]);
    }
}
