using Atelier.NN.Augmentation;

namespace Atelier.Tests.Augmentation;

public sealed class AdaptiveAugmentTests
{
    /// <summary>(N, 1) logits of which <paramref name="positive"/> are positive and the rest negative.</summary>
    private static Tensor Logits(int n, int positive) =>
        Tensor.FromArray(Enumerable.Range(0, n).Select(i => i < positive ? 0.5f + i : -1.5f - i).ToArray(), n, 1);

    [Fact]
    public void Probability_rises_by_batch_times_interval_over_ramp_when_the_signal_exceeds_the_target()
    {
        var ada = new AdaptiveAugment(target: 0.6f, interval: 4, rampImages: 1000);
        Assert.True(float.IsNaN(ada.LastSignal));
        for (var update = 1; update <= 3; update++)
        {
            for (var step = 0; step < 3; step++)
            {
                ada.Observe(Logits(10, 9)); // signal (9 - 1) / 10 = 0.8 > 0.6
                Assert.Equal((update - 1) * 0.04f, ada.Probability, 6);
            }
            ada.Observe(Logits(10, 9));
            Assert.Equal(update * 0.04f, ada.Probability, 6); // 10 * 4 / 1000
            Assert.Equal(0.8f, ada.LastSignal, 6);
        }
    }

    [Fact]
    public void Probability_falls_when_the_signal_is_below_the_target()
    {
        var ada = new AdaptiveAugment(target: 0.6f, interval: 2, rampImages: 500, initialProbability: 0.5f);
        // Batches of 8: signals 0.5 and 0.25 average to 0.375 < 0.6.
        ada.Observe(Logits(8, 6));
        ada.Observe(Logits(8, 5));
        Assert.Equal(0.375f, ada.LastSignal, 6);
        Assert.Equal(0.5f - 16f / 500, ada.Probability, 6);
    }

    [Fact]
    public void Probability_is_clamped_to_zero_and_one()
    {
        var rising = new AdaptiveAugment(interval: 1, rampImages: 100, initialProbability: 0.95f);
        rising.Observe(Logits(10, 10));
        Assert.Equal(1f, rising.Probability);
        var falling = new AdaptiveAugment(interval: 1, rampImages: 100, initialProbability: 0.05f);
        falling.Observe(Tensor.FromArray([-1f, -2, -3, -4, -5, -6, -7, -8, -9, -10], 10));
        Assert.Equal(0f, falling.Probability);
        Assert.Equal(-1f, falling.LastSignal);
    }

    [Fact]
    public void A_run_resumed_from_its_state_continues_identically()
    {
        var batches = Enumerable.Range(0, 40).Select(i => Logits(6, (i * 5 + i / 7) % 7)).ToList();
        var whole = new AdaptiveAugment(target: 0f, interval: 3, rampImages: 90, initialProbability: 0.5f);
        var first = new AdaptiveAugment(target: 0f, interval: 3, rampImages: 90, initialProbability: 0.5f);
        var trajectory = batches.Select(b => { whole.Observe(b); return whole.Probability; }).ToList();
        var moves = trajectory.Zip(trajectory.Skip(1), (a, b) => Math.Sign(b - a)).ToList();
        Assert.True(moves.Contains(1) && moves.Contains(-1), $"the test sequence should move p both ways several times: {string.Join(" ", trajectory)}");

        for (var i = 0; i < 17; i++) first.Observe(batches[i]); // stops in the middle of an interval
        var saved = first.StateDict().ToDictionary(e => e.Key, e => e.Value.Copy());
        Assert.Equal(["p", "sign_sum", "count"], saved.Keys);
        Assert.All(saved.Values, t => Assert.Equal([1], t.Shape));
        Assert.Equal(2f, saved["count"].Item());

        var resumed = new AdaptiveAugment(target: 0f, interval: 3, rampImages: 90, initialProbability: 0.5f);
        resumed.LoadStateDict(saved);
        Assert.Equal(trajectory[16], resumed.Probability);
        for (var i = 17; i < batches.Count; i++)
        {
            resumed.Observe(batches[i]);
            Assert.Equal(trajectory[i], resumed.Probability);
        }
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_clear_messages()
    {
        var ada = new AdaptiveAugment();
        var forward = Assert.Throws<NotSupportedException>(() => ada.Forward(new Tensor(1, 1, 2, 2)));
        Assert.Equal("AdaptiveAugment holds state only; apply augmentation with DiffAugment.Apply(images, policy, Probability, random)", forward.Message);
        var shape = Assert.Throws<ArgumentException>(() => ada.Observe(new Tensor(4, 2)));
        Assert.Contains("expected real logits (N, 1) or (N) with N >= 1, got shape [4, 2]", shape.Message);
        var nan = Assert.Throws<ArgumentException>(() => ada.Observe(Tensor.FromArray([1f, float.NaN], 2)));
        Assert.Contains("contain NaN", nan.Message);
        var interval = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveAugment(interval: 0));
        Assert.Contains("interval must be at least 1", interval.Message);
        var initial = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveAugment(initialProbability: 1.5f));
        Assert.Contains("initialProbability must be in [0, 1], got 1.5", initial.Message);
    }
}
