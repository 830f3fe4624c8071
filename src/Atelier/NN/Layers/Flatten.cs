namespace Atelier.NN.Layers;

/// <summary>(N, C, H, W) to (N, C*H*W): merges every axis from startAxis on.</summary>
public sealed class Flatten(int startAxis = 1) : Module
{
    public override Tensor Forward(Tensor input) => input.Flatten(startAxis);
}
