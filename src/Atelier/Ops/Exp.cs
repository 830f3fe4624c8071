using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>e^x. Gradient: g * e^x (the output itself).</summary>
    public Tensor Exp()
    {
        var y = EmptyLike(this);
        VectorMath.Exp(Data, y.Data);
        return y.Record("exp", [this], g => [g * y]);
    }
}
