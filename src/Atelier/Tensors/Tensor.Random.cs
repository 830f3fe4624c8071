namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Samples from N(mean, std^2), drawn in row-major order from <paramref name="generator"/>.</summary>
    public static Tensor Normal(int[] shape, Generator generator, float mean = 0f, float std = 1f)
    {
        var t = Empty(shape);
        var data = t.Data;
        for (var i = 0; i < data.Length; i++) data[i] = mean + std * generator.NextNormal();
        return t;
    }

    /// <summary>Samples from U[low, high), drawn in row-major order from <paramref name="generator"/>.</summary>
    public static Tensor Uniform(int[] shape, Generator generator, float low = 0f, float high = 1f)
    {
        var t = Empty(shape);
        var data = t.Data;
        var span = high - low;
        for (var i = 0; i < data.Length; i++) data[i] = low + span * generator.NextFloat();
        return t;
    }
}
