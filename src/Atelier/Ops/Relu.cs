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
        return y.Record("relu", [x], g => [ScaleByStep(g, x, 1f, 0f)]);
    }

    /// <summary>
    /// g times <paramref name="positive"/> where x &gt; 0, else times <paramref name="negative"/>: the backward of
    /// (leaky) ReLU. One fused pass, or, while a graph of the gradients is being built, the differentiable product.
    /// </summary>
    internal static Tensor ScaleByStep(Tensor g, Tensor x, float positive, float negative)
    {
        if (Autograd.IsGradEnabled) return g * x.StepMask(positive, negative);
        var dx = EmptyLike(g);
        Activations.ScaleByStep(x.Data, g.Data, positive, negative, dx.Data);
        return dx;
    }

    /// <summary>A constant (no gradient) tensor holding <paramref name="positive"/> where x &gt; 0, else <paramref name="negative"/>.</summary>
    internal Tensor StepMask(float positive, float negative)
    {
        var mask = EmptyLike(this);
        Activations.Step(Data, positive, negative, mask.Data);
        return mask;
    }
}
