namespace Atelier.NN.Layers;

/// <summary>
/// 2-D transposed convolution. Weight (in, out, k, k), bias (out). As in PyTorch, fan_in for the
/// default initialisation is computed from the weight's second dimension: out * k * k.
/// </summary>
public sealed class ConvTranspose2d : Module
{
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, Generator generator, int stride = 1, int padding = 0, int outputPadding = 0, bool bias = true)
    {
        if (inChannels <= 0 || outChannels <= 0 || kernel <= 0)
            throw new ArgumentOutOfRangeException(nameof(kernel), $"ConvTranspose2d needs positive channels and kernel, got ({inChannels}, {outChannels}, {kernel})");
        (Stride, Padding, OutputPadding) = (stride, padding, outputPadding);
        var fanIn = outChannels * kernel * kernel;
        Weight = RegisterParameter("weight", Init.DefaultUniform([inChannels, outChannels, kernel, kernel], fanIn, generator));
        if (bias) Bias = RegisterParameter("bias", Init.DefaultUniform([outChannels], fanIn, generator));
    }

    public int Stride { get; }

    public int Padding { get; }

    public int OutputPadding { get; }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Tensor.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding);
}
