using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>1 / (1 + e^-x). Gradient: g y (1 - y).</summary>
    public Tensor Sigmoid()
    {
        var y = EmptyLike(this);
        SharedPasses.Unary(Data, y.Data, 0, static (x, y, _) => VectorMath.Sigmoid(x, y));
        return y.Record("sigmoid", [this], g => [g * (y * (1f - y))]);
    }
}
