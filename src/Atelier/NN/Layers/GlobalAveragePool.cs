namespace Atelier.NN.Layers;

/// <summary>(N, C, H, W) to (N, C): the mean of each channel over the image.</summary>
public sealed class GlobalAveragePool : Module
{
    public override Tensor Forward(Tensor input) => input.Mean([2, 3]);
}
