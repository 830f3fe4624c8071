namespace Atelier.NN.Augmentation;

/// <summary>
/// The adaptive augmentation probability of ADA (Karras et al. 2020). The discriminator's overfitting signal is
/// r_t = E[sign(D(real))]: every <see cref="Interval"/> calls of <see cref="Observe"/>, r_t is the mean over those
/// calls of each batch's mean sign, and p += sign(r_t - target) * (batch * interval) / rampImages, clamped to [0, 1],
/// with batch the size of the interval's last batch. So p can go from 0 to 1 in <c>rampImages</c> real images.
/// Its state is kept in buffers (saved in checkpoints, so a resumed run continues identically):
/// <c>p</c> (1), <c>sign_sum</c> (1), the sum of the batch mean signs so far in this interval, and <c>count</c> (1),
/// the calls so far in this interval.
/// </summary>
public sealed class AdaptiveAugment : Module
{
    private readonly Tensor _probability;
    private readonly Tensor _signSum;
    private readonly Tensor _count;

    /// <param name="target">The r_t to hold: above it D is judged to overfit and p rises (ADA uses 0.6).</param>
    /// <param name="interval">Discriminator steps (calls of <see cref="Observe"/>) between updates of p.</param>
    /// <param name="rampImages">Real images over which p may move by 1.</param>
    /// <param name="initialProbability">p before the first update.</param>
    public AdaptiveAugment(float target = 0.6f, int interval = 4, int rampImages = 50_000, float initialProbability = 0f)
    {
        if (!(target >= -1f && target <= 1f))
            throw new ArgumentOutOfRangeException(nameof(target), $"AdaptiveAugment: target must be in [-1, 1] (a mean of signs), got {target}");
        if (interval < 1)
            throw new ArgumentOutOfRangeException(nameof(interval), $"AdaptiveAugment: interval must be at least 1 discriminator step, got {interval}");
        if (rampImages < 1)
            throw new ArgumentOutOfRangeException(nameof(rampImages), $"AdaptiveAugment: rampImages must be at least 1, got {rampImages}");
        if (!(initialProbability >= 0f && initialProbability <= 1f))
            throw new ArgumentOutOfRangeException(nameof(initialProbability), $"AdaptiveAugment: initialProbability must be in [0, 1], got {initialProbability}");
        (Target, Interval, RampImages) = (target, interval, rampImages);
        _probability = RegisterBuffer("p", Tensor.Full(initialProbability, 1));
        _signSum = RegisterBuffer("sign_sum", Tensor.Zeros(1));
        _count = RegisterBuffer("count", Tensor.Zeros(1));
    }

    /// <summary>The current augmentation probability p, for <see cref="DiffAugment.Apply"/>.</summary>
    public float Probability => _probability.Data[0];

    public float Target { get; }

    public int Interval { get; }

    public int RampImages { get; }

    /// <summary>The last r_t computed; NaN before the first update (and after loading a checkpoint, until the next).</summary>
    public float LastSignal { get; private set; } = float.NaN;

    /// <summary>Records the discriminator's logits on a real batch, (N, 1) or (N); call once per discriminator step.</summary>
    public void Observe(Tensor realLogits)
    {
        ArgumentNullException.ThrowIfNull(realLogits);
        if (!(realLogits.Rank == 1 || realLogits.Rank == 2 && realLogits.Dim(1) == 1) || realLogits.Dim(0) == 0)
            throw new ArgumentException($"AdaptiveAugment.Observe: expected real logits (N, 1) or (N) with N >= 1, got shape {ShapeMath.Format(realLogits.Dims)}", nameof(realLogits));
        var logits = realLogits.Data;
        double signs = 0;
        foreach (var v in logits)
        {
            if (float.IsNaN(v))
                throw new ArgumentException("AdaptiveAugment.Observe: the real logits contain NaN; the discriminator has diverged (lower the learning rate or check the loss)", nameof(realLogits));
            signs += Math.Sign(v);
        }
        _signSum.Data[0] += (float)(signs / logits.Length);
        _count.Data[0] += 1;
        if (_count.Data[0] < Interval) return;

        var signal = _signSum.Data[0] / _count.Data[0];
        var step = (float)((double)logits.Length * Interval / RampImages);
        _probability.Data[0] = Math.Clamp(Probability + Math.Sign(signal - Target) * step, 0f, 1f);
        (_signSum.Data[0], _count.Data[0], LastSignal) = (0f, 0f, signal);
    }

    public override Tensor Forward(Tensor input) =>
        throw new NotSupportedException("AdaptiveAugment holds state only; apply augmentation with DiffAugment.Apply(images, policy, Probability, random)");
}
