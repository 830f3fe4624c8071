using Atelier.NN;
using Atelier.Tests.Engine;

namespace Atelier.Tests.NN;

public sealed class LikelihoodsTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Bernoulli_is_the_summed_cross_entropy()
    {
        float[] x = [2f, -1f, 0.5f, -3f], t = [1f, 0f, 0.3f, 1f];
        var nll = Likelihoods.Bernoulli(Tensor.FromArray(x, 2, 2), Tensor.FromArray(t, 2, 2));
        var expected = x.Zip(t).Sum(p => -(p.Second * Math.Log(Sigmoid(p.First)) + (1 - p.Second) * Math.Log(1 - Sigmoid(p.First))));
        Assert.Equal(expected, nll.Item(), 4);
    }

    /// <summary>-log N(t; m, s^2) in double.</summary>
    private static double GaussianNll(double t, double m, double s) => 0.5 * Math.Pow((t - m) / s, 2) + Math.Log(s) + 0.5 * Math.Log(2 * Math.PI);

    [Fact]
    public void Gaussian_is_the_summed_negative_log_density()
    {
        // (N, C, H, W) = (2, 2, 1, 2) with a learned log-scale per channel (C, 1, 1), per pixel, and a fixed sigma.
        var mean = Tensor.Uniform([2, 2, 1, 2], new Generator(1));
        var targets = Tensor.Uniform([2, 2, 1, 2], new Generator(2));
        float[] channelLogScale = [-1.5f, 0.3f];
        var perPixel = Tensor.Normal([2, 2, 1, 2], new Generator(3));
        double perChannelExpected = 0, perPixelExpected = 0, fixedExpected = 0;
        for (var i = 0; i < 8; i++)
        {
            var (t, m) = ((double)targets.Data[i], (double)mean.Data[i]);
            perChannelExpected += GaussianNll(t, m, Math.Exp(channelLogScale[i / 2 % 2]));
            perPixelExpected += GaussianNll(t, m, Math.Exp(perPixel.Data[i]));
            fixedExpected += GaussianNll(t, m, 0.1);
        }
        Assert.Equal(perChannelExpected, Likelihoods.Gaussian(mean, Tensor.FromArray(channelLogScale, 2, 1, 1), targets).Item(), 4);
        Assert.Equal(perPixelExpected, Likelihoods.Gaussian(mean, perPixel, targets).Item(), 4);
        Assert.Equal(fixedExpected, Likelihoods.Gaussian(mean, 0.1f, targets).Item(), 3);
    }

    /// <summary>
    /// The plain formula in double: the difference of the logistic CDF across the bin, the edge levels taking
    /// the tail. Far in the upper tail, where both CDFs round to 1, the mirrored difference sigmoid(-b) - sigmoid(-a)
    /// (the same number) keeps its digits.
    /// </summary>
    private static double DiscretizedLogisticNll(double t, double m, double logScale, int bins)
    {
        var (h, s) = (0.5 / (bins - 1), Math.Exp(logScale));
        var (a, b) = ((t + h - m) / s, (t - h - m) / s);
        if (t < h) return -Math.Log(Sigmoid(a));
        if (t > 1 - h) return -Math.Log(Sigmoid(-b));
        return -Math.Log(b > 0 ? Sigmoid(-b) - Sigmoid(-a) : Sigmoid(a) - Sigmoid(b));
    }

    public static TheoryData<string, float[], float[], float[], int> DiscretizedCases() => new()
    {
        // Moderate: every level kind (both edges, next to the edges, the middle) with scales from a fraction of a bin up.
        { "moderate", [0f, 1f / 255, 128f / 255, 254f / 255, 1f, 0.4f], [0.1f, 0.02f, 0.47f, 0.9f, 0.8f, 0.41f], [-2f, -4f, -3f, -2.5f, -1f, -7f], 256 },
        // Far tails, where sigmoid(a) - sigmoid(b) is 0 in float and log(1 - sigmoid(b)) needs the softplus form.
        { "tails", [0.8f, 0.2f, 0f, 1f, 0.6f], [0f, 1f, 0.9f, 0.05f, 0.1f], [-5f, -5f, -5f, -6f, -4f], 256 },
        // A bin narrow against the scale (d = 2h/s below 0.01: the series branch) and the smallest bin count.
        { "wide-scale", [0.5f, 30f / 255, 0f, 1f], [0.45f, 0.6f, 0.5f, 0.2f], [3f, 0.5f, 2f, 1f], 256 },
        { "two-bins", [0f, 1f, 1f], [0.3f, 0.6f, 0.2f], [-1f, 0f, -2f], 2 },
    };

    [Theory]
    [MemberData(nameof(DiscretizedCases))]
    public void Discretized_logistic_matches_the_plain_formula(string name, float[] targets, float[] means, float[] logScales, int bins)
    {
        var n = targets.Length;
        var nll = Likelihoods.DiscretizedLogistic(Tensor.FromArray(means, n), Tensor.FromArray(logScales, n), Tensor.FromArray(targets, n), bins).Item();
        var expected = Enumerable.Range(0, n).Sum(i => DiscretizedLogisticNll(targets[i], means[i], logScales[i], bins));
        Assert.True(double.IsFinite(expected), name);
        Assert.True(Math.Abs(nll - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{name}: got {nll}, expected {expected}");
    }

    [Fact]
    public void Discretized_logistic_is_a_distribution_over_the_levels()
    {
        // Summed over all 8 levels, the probabilities of one pixel are 1 (the edges take the tails).
        double total = 0;
        for (var k = 0; k < 8; k++)
            total += Math.Exp(-Likelihoods.DiscretizedLogistic(Tensor.FromArray([0.37f], 1), Tensor.FromArray([-1.2f], 1), Tensor.FromArray([k / 7f], 1), bins: 8).Item());
        Assert.Equal(1.0, total, 5);
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var targets = Tensor.FromArray([0f, 3f / 255, 0.5f, 1f, 200f / 255, 0.25f], 1, 2, 1, 3);
        GradCheck.FirstOrder(x => Likelihoods.DiscretizedLogistic(x[0], x[1], targets), [Tensor.FromArray([0.1f, 0.05f, 0.3f, 0.8f, 0.7f, 0.4f], 1, 2, 1, 3), Tensor.FromArray([-1.5f, -1f], 2, 1, 1)]);
        GradCheck.FirstOrder(x => Likelihoods.DiscretizedLogistic(x[0], x[1], targets), [Tensor.FromArray([0.1f, 0.05f, 0.3f, 0.8f, 0.7f, 0.4f], 1, 2, 1, 3), Tensor.FromArray([-1f, -0.5f, 2.5f, 0.5f, -1.2f, 3f], 1, 2, 1, 3)]);
        GradCheck.FirstOrder(x => Likelihoods.Gaussian(x[0], x[1], targets), [Tensor.FromArray([0.1f, 0.05f, 0.3f, 0.8f, 0.7f, 0.4f], 1, 2, 1, 3), Tensor.FromArray([-0.5f, 0.2f], 2, 1, 1)]);
        GradCheck.FirstOrder(x => Likelihoods.Gaussian(x[0], 0.5f, targets), [Tensor.FromArray([0.1f, 0.05f, 0.3f, 0.8f, 0.7f, 0.4f], 1, 2, 1, 3)]);
        GradCheck.FirstOrder(x => Likelihoods.Bernoulli(x[0], targets), [Tensor.FromArray([1f, -2f, 0.3f, 0.8f, -0.7f, 2.4f], 1, 2, 1, 3)]);
    }

    [Fact]
    public void Bad_inputs_are_reported()
    {
        var (mean, targets) = (Tensor.Zeros(2, 3), Tensor.Zeros(2, 3));
        Assert.Contains("Gaussian likelihood: mean [2, 3] and targets [3, 2] must have the same shape",
            Assert.Throws<ArgumentException>(() => Likelihoods.Gaussian(mean, 1f, Tensor.Zeros(3, 2))).Message);
        Assert.Contains("the scale (sigma) must be positive and finite, got 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => Likelihoods.Gaussian(mean, 0f, targets)).Message);
        Assert.Contains("log-scale [2, 1, 1] does not broadcast to mean [2, 3]",
            Assert.Throws<ArgumentException>(() => Likelihoods.Gaussian(mean, Tensor.Zeros(2, 1, 1), targets)).Message);
        Assert.Contains("log-scale [3, 3] does not broadcast to mean [2, 3]",
            Assert.Throws<ArgumentException>(() => Likelihoods.DiscretizedLogistic(mean, Tensor.Zeros(3, 3), targets)).Message);
        Assert.Contains("target 1.5 at element 4 is outside [0, 1]",
            Assert.Throws<ArgumentException>(() => Likelihoods.DiscretizedLogistic(mean, Tensor.Zeros(1), Tensor.FromArray([0f, 0f, 0f, 0f, 1.5f, 0f], 2, 3))).Message);
        Assert.Contains("needs at least 2 bins, got 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => Likelihoods.DiscretizedLogistic(mean, Tensor.Zeros(1), targets, bins: 1)).Message);
    }
}
