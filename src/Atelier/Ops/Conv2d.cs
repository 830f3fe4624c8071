using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// 2-D cross-correlation of x (N, C, H, W) with weight (O, C, K, K) plus bias (O), as torch.nn.functional.conv2d.
    /// Output (N, O, (H + 2p - K)/s + 1, (W + 2p - K)/s + 1).
    /// </summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0)
    {
        if (x.Rank != 4 || weight.Rank != 4 || x.Dims[1] != weight.Dims[1] || weight.Dims[2] != weight.Dims[3])
            throw new ArgumentException($"conv2d: input {ShapeMath.Format(x.Dims)} does not fit weight {ShapeMath.Format(weight.Dims)} (expected input (N, C, H, W) and weight (O, C, K, K) with equal C)");
        CheckConvArguments("conv2d", stride, padding);
        if (x.Dims[2] + 2 * padding < weight.Dims[2] || x.Dims[3] + 2 * padding < weight.Dims[3])
            throw new ArgumentException($"conv2d: input {ShapeMath.Format(x.Dims)} is smaller than kernel {weight.Dims[2]} with padding {padding}");
        var g = ConvGeometry.ForConvolution(x.Dims, weight.Dims, stride, padding);
        var y = ConvolveOp(x, weight, g);
        return bias is null ? y : y + ChannelBias(bias, g.O, "conv2d");
    }

    /// <summary>
    /// Transposed convolution of x (N, Cin, H, W) with weight (Cin, Cout, K, K), as torch.nn.functional.conv_transpose2d.
    /// Output (N, Cout, (H - 1)s - 2p + K + outputPadding, likewise for W).
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int outputPadding = 0)
    {
        if (x.Rank != 4 || weight.Rank != 4 || x.Dims[1] != weight.Dims[0] || weight.Dims[2] != weight.Dims[3])
            throw new ArgumentException($"conv_transpose2d: input {ShapeMath.Format(x.Dims)} does not fit weight {ShapeMath.Format(weight.Dims)} (expected input (N, Cin, H, W) and weight (Cin, Cout, K, K))");
        CheckConvArguments("conv_transpose2d", stride, padding);
        if (outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentException($"conv_transpose2d: output padding must be in [0, stride), got {outputPadding} with stride {stride}");
        var k = weight.Dims[2];
        var h = (x.Dims[2] - 1) * stride - 2 * padding + k + outputPadding;
        var w = (x.Dims[3] - 1) * stride - 2 * padding + k + outputPadding;
        if (h <= 0 || w <= 0)
            throw new ArgumentException($"conv_transpose2d: padding {padding} leaves no output for input {ShapeMath.Format(x.Dims)}");
        // As the input-gradient of a convolution from (N, Cout, h, w) to (N, Cin, H, W) with the same weight.
        var g = new ConvGeometry(x.Dims[0], weight.Dims[1], h, w, weight.Dims[0], k, stride, padding, x.Dims[2], x.Dims[3]);
        var y = ConvolveInputGradOp(x, weight, g);
        return bias is null ? y : y + ChannelBias(bias, g.C, "conv_transpose2d");
    }

    private static void CheckConvArguments(string op, int stride, int padding)
    {
        if (stride < 1) throw new ArgumentException($"{op}: stride must be at least 1, got {stride}");
        if (padding < 0) throw new ArgumentException($"{op}: padding must not be negative, got {padding}");
    }

    private static Tensor ChannelBias(Tensor bias, int channels, string op)
    {
        if (bias.Rank != 1 || bias.Dims[0] != channels)
            throw new ArgumentException($"{op}: bias {ShapeMath.Format(bias.Dims)} does not match {channels} output channels");
        return bias.Reshape(1, channels, 1, 1);
    }

    // The three ops below are closed under differentiation: each one's gradients are the other two.
    private static Tensor ConvolveOp(Tensor x, Tensor w, ConvGeometry g)
    {
        var y = Empty(g.N, g.O, g.OH, g.OW);
        Convolution.Forward(g, x.Data, w.Data, y.Data);
        return y.Record("conv2d", [x, w], dy => [
            x.RequiresGrad ? ConvolveInputGradOp(dy, w, g) : null,
            w.RequiresGrad ? ConvolveWeightGradOp(x, dy, g) : null]);
    }

    private static Tensor ConvolveInputGradOp(Tensor dy, Tensor w, ConvGeometry g)
    {
        var dx = Empty(g.N, g.C, g.H, g.W);
        Convolution.BackwardInput(g, dy.Data, w.Data, dx.Data);
        return dx.Record("conv2d-input-grad", [dy, w], ddx => [
            dy.RequiresGrad ? ConvolveOp(ddx, w, g) : null,
            w.RequiresGrad ? ConvolveWeightGradOp(ddx, dy, g) : null]);
    }

    private static Tensor ConvolveWeightGradOp(Tensor x, Tensor dy, ConvGeometry g)
    {
        var dw = Empty(g.O, g.C, g.K, g.K);
        Convolution.BackwardWeight(g, x.Data, dy.Data, dw.Data);
        return dw.Record("conv2d-weight-grad", [x, dy], ddw => [
            x.RequiresGrad ? ConvolveInputGradOp(dy, ddw, g) : null,
            dy.RequiresGrad ? ConvolveOp(x, ddw, g) : null]);
    }
}
