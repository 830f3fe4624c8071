using Atelier.Evaluation;

namespace Atelier.Tests.Evaluation;

public sealed class KernelDistanceTests
{
    private static Tensor Gaussian(int count, double[] mean, double[] deviation, Generator random)
    {
        var d = mean.Length;
        var features = new float[count * d];
        for (var i = 0; i < count; i++)
            for (var j = 0; j < d; j++) features[i * d + j] = (float)(mean[j] + deviation[j] * random.NextNormal());
        return Tensor.FromArray(features, count, d);
    }

    [Fact]
    public void One_dimensional_example_by_hand()
    {
        // k(a, b) = (a b + 1)^3 with d = 1; x = {0, 1}, y = {1, 2}.
        // Within x: k(0, 1) = 1 over the 2 ordered distinct pairs: mean 1. Within y: k(1, 2) = 27: mean 27.
        // Across: k(0, 1) + k(0, 2) + k(1, 1) + k(1, 2) = 1 + 1 + 8 + 27 = 37 over 4 pairs. MMD² = 1 + 27 - 2 x 9.25 = 9.5.
        var kid = KernelDistance.Between(Tensor.FromArray([0f, 1f], 2, 1), Tensor.FromArray([1f, 2f], 2, 1), blocks: 1);
        Assert.Equal(9.5, kid.Value, 1e-9);
        Assert.True(double.IsNaN(kid.StandardError));
    }

    [Fact]
    public void A_set_against_itself()
    {
        // With y = x the unbiased estimate is 2 (mean off-diagonal kernel) - 2 (mean of every pair, diagonal included):
        // -2 (mean diagonal - mean off-diagonal) / m, a small negative number that vanishes as m grows.
        var x = Gaussian(300, [0.5, -1, 2], [1, 0.5, 2], new Generator(1));
        double diagonal = 0, offDiagonal = 0;
        var v = x.ToArray();
        for (var i = 0; i < 300; i++)
            for (var j = 0; j < 300; j++)
            {
                var dot = (v[i * 3] * v[j * 3] + v[i * 3 + 1] * v[j * 3 + 1] + v[i * 3 + 2] * v[j * 3 + 2]) / 3.0;
                var k = Math.Pow(dot + 1, 3);
                if (i == j) diagonal += k; else offDiagonal += k;
            }
        var expected = -2 * (diagonal / 300 - offDiagonal / (300.0 * 299)) / 300;
        var self = KernelDistance.Between(x, x, blocks: 1);
        Assert.Equal(expected, self.Value, 1e-6 * Math.Abs(expected) + 1e-9);
        Assert.True(self.Value < 0, $"a set against itself gives {self.Value}");
        var larger = KernelDistance.Between(Gaussian(1200, [0.5, -1, 2], [1, 0.5, 2], new Generator(1)), Gaussian(1200, [0.5, -1, 2], [1, 0.5, 2], new Generator(1)), blocks: 1);
        Assert.InRange(larger.Value / self.Value, 0.15, 0.4); // shrinks as 1 / m: 4 times the vectors, about a quarter
    }

    /// <summary>
    /// E k(u, v) for independent u ~ N(a, diag(sa²)), v ~ N(b, diag(sb²)) in 2 dimensions: with s = u1 v1 + u2 v2 = p + q,
    /// (s / 2 + 1)^3 = 1 + 3 s / 2 + 3 s² / 4 + s³ / 8, and the moments of p = u1 v1 are products of Gaussian raw moments
    /// (E u = a, E u² = a² + sa², E u³ = a³ + 3 a sa²).
    /// </summary>
    private static double ExpectedKernel(double[] a, double[] sa, double[] b, double[] sb)
    {
        double Moment(double mean, double deviation, int k) => k switch
        {
            1 => mean,
            2 => mean * mean + deviation * deviation,
            _ => mean * mean * mean + 3 * mean * deviation * deviation,
        };
        double P(int i, int k) => Moment(a[i], sa[i], k) * Moment(b[i], sb[i], k);
        var s1 = P(0, 1) + P(1, 1);
        var s2 = P(0, 2) + 2 * P(0, 1) * P(1, 1) + P(1, 2);
        var s3 = P(0, 3) + 3 * P(0, 2) * P(1, 1) + 3 * P(0, 1) * P(1, 2) + P(1, 3);
        return 1 + 1.5 * s1 + 0.75 * s2 + s3 / 8;
    }

    [Fact]
    public void Large_samples_approach_the_population_mmd_of_two_gaussians()
    {
        double[] a = [0.0, 0.5]; double[] sa = [1.0, 0.7]; double[] b = [0.6, 0.2]; double[] sb = [0.8, 1.1];
        var population = ExpectedKernel(a, sa, a, sa) + ExpectedKernel(b, sb, b, sb) - 2 * ExpectedKernel(a, sa, b, sb);
        var kid = KernelDistance.Between(Gaussian(6000, a, sa, new Generator(3)), Gaussian(6000, b, sb, new Generator(4)), blocks: 10, seed: 5);
        Assert.True(population > 0.1, $"the two Gaussians should differ clearly, MMD² {population}");
        Assert.InRange(kid.Value, population - 4 * kid.StandardError, population + 4 * kid.StandardError);
        Assert.True(kid.StandardError < 0.15 * population, $"standard error {kid.StandardError} for MMD² {population}");
    }

    [Fact]
    public void Two_samples_of_one_distribution_are_within_their_standard_error_of_zero()
    {
        double[] mean = [1.0, -0.5, 0.2, 0.0]; double[] deviation = [1.0, 2.0, 0.5, 1.0];
        var same = KernelDistance.Between(Gaussian(2000, mean, deviation, new Generator(6)), Gaussian(2000, mean, deviation, new Generator(7)), seed: 1);
        Assert.InRange(same.Value, -3 * same.StandardError, 3 * same.StandardError);
        var shifted = KernelDistance.Between(Gaussian(2000, mean, deviation, new Generator(6)), Gaussian(2000, [2.5, -0.5, 0.2, 0.0], deviation, new Generator(7)), seed: 1);
        Assert.True(shifted.Value > 5 * shifted.StandardError, $"a shifted mean gives {shifted.Value} ± {shifted.StandardError}");
        Assert.Equal((10, 200), (same.Blocks, same.BlockSize));
    }

    [Fact]
    public void Bad_inputs_are_refused_with_clear_messages()
    {
        var x = Tensor.Zeros(10, 3);
        Assert.Equal("kernel distance: give two feature matrices (N, D) of the same width, got [10, 3] and [10, 4]",
            Assert.Throws<ArgumentException>(() => KernelDistance.Between(x, Tensor.Zeros(10, 4))).Message);
        Assert.Equal("kernel distance: 10 block(s) of at least 2 vectors need 20 of each set, got 10 real and 10 generated",
            Assert.Throws<ArgumentException>(() => KernelDistance.Between(x, x)).Message);
    }
}
