using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>e^x. Gradient: g * e^x (the output itself).</summary>
    public Tensor Exp()
    {
        var y = EmptyLike(this);
        SharedPasses.Unary(Data, y.Data, 0, static (x, y, _) => VectorMath.Exp(x, y));
        return y.Record("exp", [this], g => [g * y]);
    }
}
