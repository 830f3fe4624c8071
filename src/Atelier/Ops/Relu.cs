using System.Numerics.Tensors;
using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>max(x, 0). Gradient: g where x &gt; 0.</summary>
    public Tensor Relu()
    {
        var y = EmptyLike(this);
        TensorPrimitives.Max(Data, 0f, y.Data);
        var x = this;
        return y.Record("relu", [x], g => [g * x.StepMask(1f, 0f)]);
    }

    /// <summary>A constant (no gradient) tensor holding <paramref name="positive"/> where x &gt; 0, else <paramref name="negative"/>.</summary>
    internal Tensor StepMask(float positive, float negative)
    {
        var mask = EmptyLike(this);
        Activations.Step(Data, positive, negative, mask.Data);
        return mask;
    }
}
