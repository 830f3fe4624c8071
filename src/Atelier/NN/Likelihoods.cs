namespace Atelier.NN;

/// <summary>
/// Decoder likelihoods for a VAE's reconstruction term: each returns -log p(targets | parameters) summed over
/// every element, in nats, as a differentiable scalar. Targets are images in [0, 1].
/// </summary>
public static class Likelihoods
{
    private static readonly float HalfLogTwoPi = 0.5f * MathF.Log(2f * MathF.PI);

    /// <summary>Bernoulli pixels: sum of max(x, 0) - x t + log(1 + e^-|x|), binary cross-entropy with logits.</summary>
    public static Tensor Bernoulli(Tensor logits, Tensor targets)
    {
        CheckTargets(logits, targets, "Bernoulli", "logits");
        return Tensor.BinaryCrossEntropyWithLogits(logits, targets).Sum();
    }

    /// <summary>
    /// Gaussian pixels with a learned scale: sum of 0.5 ((t - mean) / s)^2 + log s + 0.5 log(2 pi), s = exp(logScale).
    /// logScale broadcasts to mean: one per pixel, one per channel (C, 1, 1), or a scalar.
    /// </summary>
    public static Tensor Gaussian(Tensor mean, Tensor logScale, Tensor targets)
    {
        CheckTargets(mean, targets, "Gaussian", "mean");
        CheckScaleShape(mean, logScale, "Gaussian");
        var z = (targets - mean) * (-logScale).Exp(); // (N, C, H, W)
        return (z * z * 0.5f + logScale).Sum() + mean.Size * HalfLogTwoPi;
    }

    /// <summary>Gaussian pixels with a fixed sigma: sum of 0.5 ((t - mean) / sigma)^2 + log sigma + 0.5 log(2 pi).</summary>
    public static Tensor Gaussian(Tensor mean, float scale, Tensor targets)
    {
        CheckTargets(mean, targets, "Gaussian", "mean");
        if (!(scale > 0f) || float.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), $"Gaussian likelihood: the scale (sigma) must be positive and finite, got {scale}");
        var z = (targets - mean) * (1f / scale); // (N, C, H, W)
        return (z * z).Sum() * 0.5f + mean.Size * (MathF.Log(scale) + HalfLogTwoPi);
    }

    /// <summary>
    /// Discretised logistic pixels (PixelCNN++ without the mixture): t in [0, 1] is one of <paramref name="bins"/>
    /// levels k / (bins - 1), with P(t) = sigmoid((t + h - mean) / s) - sigmoid((t - h - mean) / s), h = 0.5 / (bins - 1),
    /// s = exp(logScale), and the edge levels taking the whole tail: P(0) = sigmoid((h - mean) / s), P(1) = 1 - sigmoid((1 - h - mean) / s).
    /// logScale broadcasts to mean.
    /// </summary>
    /// <remarks>
    /// With a = (t + h - mean) / s and b = (t - h - mean) / s, sigmoid(a) - sigmoid(b) = sigmoid(a) (1 - sigmoid(b)) (1 - e^-(a - b)),
    /// so log P = -softplus(-a) - softplus(b) + log(1 - e^-d), d = a - b = 2h / s. Every term stays finite far into either
    /// tail, where the plain difference of two sigmoids underflows to 0 (PixelCNN++ falls back to the density there).
    /// When d is small (a bin narrow against s) 1 - e^-d loses its digits, and log(1 - e^-d) = log d - d/2 + d^2/24 + O(d^4)
    /// is used instead: log d - softplus(-a) - softplus(b) is then the log density times the bin width, the same fallback.
    /// </remarks>
    public static Tensor DiscretizedLogistic(Tensor mean, Tensor logScale, Tensor targets, int bins = 256)
    {
        CheckTargets(mean, targets, "discretised logistic", "mean");
        CheckScaleShape(mean, logScale, "discretised logistic");
        if (bins < 2)
            throw new ArgumentOutOfRangeException(nameof(bins), $"discretised logistic likelihood: needs at least 2 bins, got {bins}");
        var halfBin = 0.5f / (bins - 1);
        var t = targets.Data;
        for (var i = 0; i < t.Length; i++)
            if (!(t[i] >= 0f && t[i] <= 1f))
                throw new ArgumentException($"discretised logistic likelihood: target {t[i]} at element {i} is outside [0, 1]; scale images to [0, 1] first");

        var inverseScale = (-logScale).Exp(); // broadcastable to (N, C, H, W)
        var centered = targets - mean; // (N, C, H, W)
        var a = (centered + halfBin) * inverseScale; // (N, C, H, W)
        var b = (centered - halfBin) * inverseScale; // (N, C, H, W)
        var logCdfA = -(-a).Softplus(); // log sigmoid(a)
        var logSurvivalB = -b.Softplus(); // log(1 - sigmoid(b))
        var logWidth = LogOneMinusExpNegative(inverseScale * (2f * halfBin)); // logScale's shape

        // The edge levels drop the factor for their open side: t = 0 keeps sigmoid(a), t = 1 keeps 1 - sigmoid(b).
        var notFirst = targets.Map(v => v < halfBin ? 0f : 1f);
        var notLast = targets.Map(v => v > 1f - halfBin ? 0f : 1f);
        var interior = notFirst * notLast;
        var logP = logCdfA * notLast + logSurvivalB * notFirst + logWidth * interior; // (N, C, H, W)
        return -logP.Sum();
    }

    /// <summary>log(1 - e^-d) for d &gt; 0: directly, or from its series where 1 - e^-d would cancel.</summary>
    private static Tensor LogOneMinusExpNegative(Tensor d)
    {
        const float SeriesBelow = 0.01f; // the series' next term, d^4/2880, is below 1e-11 there
        var small = d.Map(v => v < SeriesBelow ? 1f : 0f);
        // Each branch sees only arguments it is accurate (and finite) for, so the masked-out one never yields inf * 0.
        var series = d.Clamp(max: SeriesBelow);
        var direct = d.Clamp(min: SeriesBelow);
        var fromSeries = series.Log() - series * 0.5f + series * series * (1f / 24f);
        var fromDirect = (1f - (-direct).Exp()).Log();
        return fromSeries * small + fromDirect * (1f - small);
    }

    private static void CheckTargets(Tensor prediction, Tensor targets, string likelihood, string name)
    {
        if (!ShapeMath.SameShape(prediction.Dims, targets.Dims))
            throw new ArgumentException($"{likelihood} likelihood: {name} {ShapeMath.Format(prediction.Dims)} and targets {ShapeMath.Format(targets.Dims)} must have the same shape");
    }

    private static void CheckScaleShape(Tensor mean, Tensor logScale, string likelihood)
    {
        var fits = logScale.Rank <= mean.Rank;
        for (var i = 1; fits && i <= logScale.Rank; i++)
            fits = logScale.Dims[^i] == 1 || logScale.Dims[^i] == mean.Dims[^i];
        if (!fits)
            throw new ArgumentException($"{likelihood} likelihood: log-scale {ShapeMath.Format(logScale.Dims)} does not broadcast to mean {ShapeMath.Format(mean.Dims)}; use the mean's shape, (C, 1, 1) or a scalar");
    }
}
