namespace Atelier.NN.Layers;

/// <summary>Nearest-neighbour upsampling of (N, C, H, W) by an integer factor.</summary>
public sealed class UpsampleNearest(int scale) : Module
{
    public int Scale { get; } = scale;

    public override Tensor Forward(Tensor input) => input.UpsampleNearest(Scale);
}
