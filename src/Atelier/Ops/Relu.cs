using System.Numerics.Tensors;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>max(x, 0). Gradient: g where x &gt; 0.</summary>
    public Tensor Relu()
    {
        var y = new Tensor(Dims);
        TensorPrimitives.Max(Data, 0f, y.Data);
        var x = this;
        return y.Record("relu", [x], g => [g * x.Map(v => v > 0 ? 1f : 0f)]);
    }
}
