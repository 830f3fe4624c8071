namespace Atelier.Benchmarks;

/// <summary>
/// A convolution layer of a MODELS.md workload and the input it sees there. Every convolution in those
/// models has kernel 4, stride 2 and padding 1: Conv2d halves the image, ConvTranspose2d doubles it.
/// Bias is left out: it is a broadcast add, not part of the convolution kernels timed here.
/// </summary>
public sealed record ConvolutionCase(string Name, bool Transposed, int InChannels, int OutChannels, int Batch, int Size) : IFlopCount
{
    public const int Kernel = 4;
    public const int Stride = 2;
    public const int Padding = 1;

    public int[] InputShape => [Batch, InChannels, Size, Size];

    public int[] WeightShape => Transposed
        ? [InChannels, OutChannels, Kernel, Kernel]   // ConvTranspose2d: (in, out, k, k)
        : [OutChannels, InChannels, Kernel, Kernel];  // Conv2d: (out, in, k, k)

    /// <summary>2 per multiply-add; each pass (forward, input gradient, weight gradient) does the same number.</summary>
    public double Flops
    {
        get
        {
            // Every pixel of the smaller image (the output of Conv2d, the input of ConvTranspose2d) meets K*K*in*out weights.
            var smallSide = Transposed ? Size : Size / 2;
            return 2.0 * Batch * smallSide * smallSide * Kernel * Kernel * InChannels * OutChannels;
        }
    }

    public Tensor Apply(Tensor input, Tensor weight) => Transposed
        ? Tensor.ConvTranspose2d(input, weight, stride: Stride, padding: Padding)
        : Tensor.Conv2d(input, weight, stride: Stride, padding: Padding);

    public override string ToString() => $"{Name} on [{string.Join(",", InputShape)}]";
}
