namespace Atelier.NN;

/// <summary>Parameter initialisations, matching PyTorch's defaults.</summary>
public static class Init
{
    /// <summary>
    /// PyTorch's default for Linear and convolution weights and biases: kaiming_uniform_(a = sqrt(5)),
    /// which is U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in being size(1) times the kernel area.
    /// </summary>
    public static Tensor DefaultUniform(int[] shape, int fanIn, Generator generator)
    {
        var bound = fanIn > 0 ? 1f / MathF.Sqrt(fanIn) : 0f;
        return Tensor.Uniform(shape, generator, -bound, bound);
    }

    /// <summary>fan_in as torch.nn.init computes it: size(1) times the product of the dimensions after it.</summary>
    public static int FanIn(int[] weightShape) =>
        weightShape.Length < 2 ? weightShape[0] : weightShape.Skip(1).Aggregate(1, (p, d) => p * d);
}
