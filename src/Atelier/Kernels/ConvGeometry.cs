namespace Atelier.Kernels;

/// <summary>
/// The sizes of one 2-D convolution: input (N, C, H, W), weight (O, C, K, K), output (N, O, OH, OW).
/// A transposed convolution is the input-gradient of the convolution with the same geometry.
/// </summary>
internal sealed record ConvGeometry(int N, int C, int H, int W, int O, int K, int Stride, int Padding, int OH, int OW)
{
    /// <summary>Rows of the im2col matrix: one per (channel, kernel row, kernel column).</summary>
    public int PatchSize => C * K * K;

    /// <summary>Output pixels per image.</summary>
    public int Pixels => OH * OW;

    public static ConvGeometry ForConvolution(int[] input, int[] weight, int stride, int padding)
    {
        var oh = (input[2] + 2 * padding - weight[2]) / stride + 1;
        var ow = (input[3] + 2 * padding - weight[3]) / stride + 1;
        return new(input[0], input[1], input[2], input[3], weight[0], weight[2], stride, padding, oh, ow);
    }
}
