using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>x for x &gt; 0, slope * x otherwise. Gradient: g times 1 or slope.</summary>
    public Tensor LeakyRelu(float slope = 0.01f)
    {
        var y = EmptyLike(this);
        Activations.LeakyRelu(Data, slope, y.Data);
        var x = this;
        return y.Record("leaky-relu", [x], g => [ScaleByStep(g, x, 1f, slope)]);
    }
}
