using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>x for x &gt; 0, slope * x otherwise. Gradient: g times 1 or slope.</summary>
    public Tensor LeakyRelu(float slope = 0.01f)
    {
        var y = EmptyLike(this);
        SharedPasses.Unary(Data, y.Data, slope, static (x, y, slope) => Activations.LeakyRelu(x, slope, y));
        var x = this;
        return y.Record("leaky-relu", [x], g => [ScaleByStep(g, x, 1f, slope)]);
    }
}
