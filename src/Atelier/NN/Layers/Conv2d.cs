namespace Atelier.NN.Layers;

/// <summary>2-D convolution. Weight (out, in, k, k), bias (out), initialised as in PyTorch.</summary>
public sealed class Conv2d : Module
{
    public Conv2d(int inChannels, int outChannels, int kernel, Generator generator, int stride = 1, int padding = 0, bool bias = true)
    {
        if (inChannels <= 0 || outChannels <= 0 || kernel <= 0)
            throw new ArgumentOutOfRangeException(nameof(kernel), $"Conv2d needs positive channels and kernel, got ({inChannels}, {outChannels}, {kernel})");
        (Stride, Padding) = (stride, padding);
        var fanIn = inChannels * kernel * kernel;
        Weight = RegisterParameter("weight", Init.DefaultUniform([outChannels, inChannels, kernel, kernel], fanIn, generator));
        if (bias) Bias = RegisterParameter("bias", Init.DefaultUniform([outChannels], fanIn, generator));
    }

    public int Stride { get; }

    public int Padding { get; }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Tensor.Conv2d(input, Weight, Bias, Stride, Padding);
}
