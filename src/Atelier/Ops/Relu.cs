using System.Numerics.Tensors;
using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>max(x, 0). Gradient: g where x &gt; 0.</summary>
    public Tensor Relu()
    {
        var y = EmptyLike(this);
        SharedPasses.Unary(Data, y.Data, 0f, static (x, y, zero) => TensorPrimitives.Max(x, zero, y));
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
        SharedPasses.Binary(x.Data, g.Data, dx.Data, (positive, negative), static (x, g, dx, scales) => Activations.ScaleByStep(x, g, scales.positive, scales.negative, dx));
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
