namespace Atelier.NN.Layers;

/// <summary>Views each sample with a new shape: (N, ...) to (N, shape...), e.g. Reshape(128, 7, 7).</summary>
public sealed class Reshape(params int[] shape) : Module
{
    public IReadOnlyList<int> SampleShape { get; } = shape;

    public override Tensor Forward(Tensor input) => input.Reshape([input.Dim(0), .. shape]);
}
