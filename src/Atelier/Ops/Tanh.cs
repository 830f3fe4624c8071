using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Hyperbolic tangent. Gradient: g (1 - y^2).</summary>
    public Tensor Tanh()
    {
        var y = EmptyLike(this);
        SharedPasses.Unary(Data, y.Data, 0, static (x, y, _) => VectorMath.Tanh(x, y));
        return y.Record("tanh", [this], g => [g * (1f - y * y)]);
    }
}
