using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// Batch normalisation over axis 1 of x (N, C) or (N, C, ...), as torch.nn.functional.batch_norm.
    /// Training: y = (x - mean) / sqrt(var + eps) * weight + bias with the batch's per-channel mean and
    /// biased variance, and the running statistics updated in place:
    /// running = (1 - momentum) running + momentum stat (the variance unbiased, n/(n-1)).
    /// Evaluation: the running statistics are used instead.
    /// </summary>
    public static Tensor BatchNorm(Tensor x, Tensor? weight, Tensor? bias, Tensor runningMean, Tensor runningVar,
        bool training, float momentum = 0.1f, float eps = 1e-5f)
    {
        if (x.Rank < 2)
            throw new ArgumentException($"batch_norm: expected input (N, C, ...), got {ShapeMath.Format(x.Dims)}");
        var channels = x.Dims[1];
        foreach (var (name, t) in new[] { ("weight", weight), ("bias", bias), ("running_mean", runningMean), ("running_var", runningVar) })
            if (t is not null && (t.Rank != 1 || t.Dims[0] != channels))
                throw new ArgumentException($"batch_norm: {name} {ShapeMath.Format(t.Dims)} does not match the {channels} channels of input {ShapeMath.Format(x.Dims)}");
        var statShape = new int[x.Rank];
        Array.Fill(statShape, 1);
        statShape[1] = channels;
        // x viewed as (N, C, S): S values per channel of each image.
        var (n, s) = (x.Dims[0], x.Dims[0] * channels == 0 ? 0 : x.Size / (x.Dims[0] * channels));
        if (!training && !(Autograd.IsGradEnabled && (x.RequiresGrad || weight is { RequiresGrad: true } || bias is { RequiresGrad: true })))
        {
            // Inference: one fused pass with the running statistics.
            var inference = EmptyLike(x);
            using var invStd = new Scratch(channels);
            BatchNormKernels.InverseStd(runningVar.Data, eps, invStd.Span);
            BatchNormKernels.Normalize(x.Data, n, channels, s, runningMean.Data, invStd.Span,
                weight is null ? default : weight.Data, bias is null ? default : bias.Data, inference.Data);
            return inference;
        }
        if (!training)
        {
            var normalized = (x - runningMean.Reshape(statShape)) * (runningVar + eps).Pow(-0.5f).Reshape(statShape);
            var scaled = weight is null ? normalized : normalized * weight.Reshape(statShape);
            return bias is null ? scaled : scaled + bias.Reshape(statShape);
        }

        var count = n * s;
        if (count <= 1)
            throw new ArgumentException($"batch_norm: training needs more than one value per channel, got input {ShapeMath.Format(x.Dims)}");
        var mean = Empty(channels);
        var invStdDev = Empty(channels);
        var y = EmptyLike(x);
        using (var variance = new Scratch(channels))
        {
            BatchNormKernels.Statistics(x.Data, n, channels, s, eps, mean.Data, invStdDev.Data, variance.Span);
            BatchNormKernels.UpdateRunning(runningMean.Data, runningVar.Data, mean.Data, variance.Span, momentum, count);
        }
        BatchNormKernels.Normalize(x.Data, n, channels, s, mean.Data, invStdDev.Data, (weight is null ? default : weight.Data), (bias is null ? default : bias.Data), y.Data);

        var inputs = new[] { x, weight, bias }.OfType<Tensor>().ToArray();
        return y.Record("batch-norm", inputs, g =>
        {
            if (Autograd.IsGradEnabled)
            {
                // Asked for a differentiable gradient: derive it from the composite form.
                var composite = BatchNormComposite(x, weight, bias, statShape, eps);
                return Autograd.Grad([composite], inputs, [g], createGraph: true);
            }
            var dx = EmptyLike(x);
            var dw = Empty(channels);
            var db = Empty(channels);
            BatchNormKernels.Backward(x.Data, g.Data, n, channels, s, mean.Data, invStdDev.Data, (weight is null ? default : weight.Data), dx.Data, dw.Data, db.Data);
            return (weight, bias) switch
            {
                (null, null) => [dx],
                (null, _) => [dx, db],
                (_, null) => [dx, dw],
                _ => [dx, dw, db],
            };
        });
    }

    /// <summary>Training-mode batch norm from differentiable primitives: the reference and the higher-order path.</summary>
    internal static Tensor BatchNormComposite(Tensor x, Tensor? weight, Tensor? bias, int[] statShape, float eps)
    {
        var axes = Enumerable.Range(0, x.Rank).Where(i => i != 1).ToArray();
        var centered = x - x.Mean(axes, keepDim: true);
        var variance = (centered * centered).Mean(axes, keepDim: true);
        var normalized = centered * (variance + eps).Pow(-0.5f);
        var scaled = weight is null ? normalized : normalized * weight.Reshape(statShape);
        return bias is null ? scaled : scaled + bias.Reshape(statShape);
    }
}
