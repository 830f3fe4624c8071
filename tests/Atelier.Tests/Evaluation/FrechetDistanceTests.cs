using Atelier.Evaluation;

namespace Atelier.Tests.Evaluation;

public sealed class FrechetDistanceTests
{
    /// <summary>count x dimension features: correlated Gaussians (z times a random mixing matrix) plus a mean.</summary>
    private static float[] Features(int count, int dimension, int seed, double shift)
    {
        var random = new Generator(seed);
        var mixing = Enumerable.Range(0, dimension * dimension).Select(_ => (double)random.NextNormal() / Math.Sqrt(dimension)).ToArray();
        var features = new float[count * dimension];
        var z = new double[dimension];
        for (var s = 0; s < count; s++)
        {
            for (var k = 0; k < dimension; k++) z[k] = random.NextNormal();
            for (var j = 0; j < dimension; j++)
            {
                var v = shift * (j % 3 - 1);
                for (var k = 0; k < dimension; k++) v += z[k] * mixing[k * dimension + j];
                features[s * dimension + j] = (float)v;
            }
        }
        return features;
    }

    [Fact]
    public void Statistics_by_hand()
    {
        // Rows (1, 2), (3, 6), (5, 7): mean (3, 5); deviations x -2, 0, 2 and y -3, 1, 2, over count - 1 = 2.
        var s = FrechetDistance.Statistics([1f, 2, 3, 6, 5, 7], count: 3, dimension: 2);
        Assert.Equal([3.0, 5.0], s.Mean);
        Assert.Equal([4.0, 5.0, 5.0, 7.0], s.Covariance);
        Assert.Equal((2, 3), (s.Dimension, s.Count));
    }

    [Fact]
    public void Statistics_of_many_vectors_match_the_two_pass_formula()
    {
        // 600 vectors: the covariance is accumulated over several chunks of samples.
        const int count = 600, n = 5;
        var x = Features(count, n, 9, 2.0);
        var mean = Enumerable.Range(0, n).Select(j => Enumerable.Range(0, count).Sum(s => (double)x[s * n + j]) / count).ToArray();
        var s = FrechetDistance.Statistics(x, count, n);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(mean[i], s.Mean[i], 12);
            for (var j = 0; j < n; j++)
            {
                var expected = Enumerable.Range(0, count).Sum(k => (x[k * n + i] - mean[i]) * (x[k * n + j] - mean[j])) / (count - 1);
                Assert.Equal(expected, s.Covariance[i * n + j], 12);
            }
        }
    }

    [Fact]
    public void Identical_statistics_are_at_distance_zero()
    {
        var s = FrechetDistance.Statistics(Features(300, 20, 1, 0.5), 300, 20);
        var trace = Enumerable.Range(0, 20).Sum(j => s.Covariance[j * 20 + j]);
        Assert.True(Math.Abs(FrechetDistance.Between(s, s)) < 1e-9 * trace, $"distance {FrechetDistance.Between(s, s)}");
    }

    [Fact]
    public void Diagonal_covariances_have_a_closed_form()
    {
        const int n = 6;
        double[] m1 = [0.5, -1, 2, 0, 3, 1], m2 = [1, 1, -2, 0, 2.5, 1];
        double[] v1 = [1, 4, 0.25, 2, 0, 9], v2 = [4, 1, 0.25, 3, 5, 1];
        static double[] Diagonal(double[] v) => Enumerable.Range(0, n * n).Select(i => i / n == i % n ? v[i / n] : 0.0).ToArray();
        var a = new FeatureStatistics(m1, Diagonal(v1), n, 10);
        var b = new FeatureStatistics(m2, Diagonal(v2), n, 10);
        var expected = Enumerable.Range(0, n).Sum(j => (m1[j] - m2[j]) * (m1[j] - m2[j]) + v1[j] + v2[j] - 2 * Math.Sqrt(v1[j] * v2[j]));
        Assert.Equal(expected, FrechetDistance.Between(a, b), 10);
        Assert.Equal(expected, FrechetDistance.Between(b, a), 10);
    }

    [Fact]
    public void One_dimension_is_the_squared_difference_of_means_and_deviations()
    {
        var x = Features(50, 1, 2, 0).Select(v => v * 2f + 1f).ToArray();
        var y = Features(80, 1, 3, 0).Select(v => v * 0.5f - 0.3f).ToArray();
        static (double Mean, double Sd) Moments(float[] v)
        {
            var mean = v.Average(f => (double)f);
            return (mean, Math.Sqrt(v.Sum(f => (f - mean) * (f - mean)) / (v.Length - 1)));
        }
        var (mx, sx) = Moments(x);
        var (my, sy) = Moments(y);
        var distance = FrechetDistance.Between(FrechetDistance.Statistics(x, 50, 1), FrechetDistance.Statistics(y, 80, 1));
        Assert.Equal((mx - my) * (mx - my) + (sx - sy) * (sx - sy), distance, 10);
    }

    [Fact]
    public void A_common_rotation_of_both_feature_sets_leaves_the_distance_unchanged()
    {
        const int n = 16;
        var (x, y) = (Features(400, n, 4, 0), Features(500, n, 5, 0.7));
        var q = LinearAlgebra.RandomOrthogonal(n, new Generator(6));
        float[] Rotate(float[] f) => Enumerable.Range(0, f.Length).Select(i =>
        {
            var (s, j) = (i / n, i % n);
            double v = 0;
            for (var k = 0; k < n; k++) v += f[s * n + k] * q[j * n + k];
            return (float)v;
        }).ToArray();
        var before = FrechetDistance.Between(FrechetDistance.Statistics(x, 400, n), FrechetDistance.Statistics(y, 500, n));
        var after = FrechetDistance.Between(FrechetDistance.Statistics(Rotate(x), 400, n), FrechetDistance.Statistics(Rotate(y), 500, n));
        Assert.True(before > 1, $"the sets should differ clearly, distance {before}");
        Assert.True(Math.Abs(after - before) < 1e-6 * before, $"before {before}, after rotation {after}");
    }

    [Fact]
    public void Singular_covariances_are_handled()
    {
        // 5 samples in 8 dimensions: rank-4 covariances, whose zero eigenvalues come out as tiny negatives.
        var x = Features(5, 8, 7, 0);
        var s = FrechetDistance.Statistics(x, 5, 8);
        var t = FrechetDistance.Statistics(Features(5, 8, 8, 0), 5, 8);
        // The zero eigenvalues of sqrt(S) S sqrt(S) carry round-off of eps |S|^2, whose square roots add about
        // sqrt(eps) |S| = 1e-8 |S| each: the accuracy any sqrtm-based FID has for singular covariances.
        var trace = Enumerable.Range(0, 8).Sum(j => s.Covariance[j * 8 + j]);
        var self = FrechetDistance.Between(s, s);
        Assert.True(Math.Abs(self) < 1e-7 * trace, $"distance to itself {self}, trace {trace}");
        var d = FrechetDistance.Between(s, t);
        Assert.True(double.IsFinite(d) && d > 0, $"distance {d}");
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_clear_messages()
    {
        var a = FrechetDistance.Statistics([1f, 2, 3, 4, 5, 7], 3, 2);
        var b = FrechetDistance.Statistics([1f, 2, 3, 4, 5, 7], 2, 3);
        var dimension = Assert.Throws<ArgumentException>(() => FrechetDistance.Between(a, b));
        Assert.Contains("different feature dimensions (2 and 3)", dimension.Message);
        var count = Assert.Throws<ArgumentOutOfRangeException>(() => FrechetDistance.Statistics([1f, 2], 1, 2));
        Assert.Contains("at least 2 feature vectors", count.Message);
        var length = Assert.Throws<ArgumentException>(() => FrechetDistance.Statistics([1f, 2, 3], 2, 2));
        Assert.Contains("3 floats cannot be 2 feature vectors of dimension 2", length.Message);
        var nan = Assert.Throws<ArgumentException>(() => FrechetDistance.Statistics([1f, float.NaN, 3, 4], 2, 2));
        Assert.Contains("feature 1 of vector 0 is NaN", nan.Message);
    }

    [Fact]
    public void The_trace_of_the_product_root_matches_denman_beavers_and_the_two_by_two_closed_form()
    {
        var random = new Generator(21);
        const int n = 6;
        var s1 = LinearAlgebra.WithEigenvalues(LinearAlgebra.RandomOrthogonal(n, random), [4.0, 2.5, 1.0, 0.6, 0.3, 0.05]);
        var s2 = LinearAlgebra.WithEigenvalues(LinearAlgebra.RandomOrthogonal(n, random), [3.0, 2.0, 1.5, 0.5, 0.2, 0.1]);
        var product = LinearAlgebra.Multiply(s1, s2, n); // not symmetric: S1 and S2 do not commute
        var root = LinearAlgebra.DenmanBeaversRoot(product, n);
        var squared = LinearAlgebra.Multiply(root, root, n);
        for (var i = 0; i < n * n; i++) Assert.Equal(product[i], squared[i], 1e-9);
        Assert.Equal(LinearAlgebra.Trace(root, n), FrechetDistance.TraceOfProductRoot(s1, s2, n), 1e-9);

        // For 2 x 2 matrices with positive eigenvalues: sqrt(M) = (M + sqrt(det M) I) / sqrt(tr M + 2 sqrt(det M)).
        double[] a = [2.0, 0.7, 0.7, 1.0], b = [1.5, -0.4, -0.4, 0.8];
        var m = LinearAlgebra.Multiply(a, b, 2);
        var det = m[0] * m[3] - m[1] * m[2];
        var closedFormTrace = (LinearAlgebra.Trace(m, 2) + 2 * Math.Sqrt(det)) / Math.Sqrt(LinearAlgebra.Trace(m, 2) + 2 * Math.Sqrt(det));
        Assert.Equal(closedFormTrace, FrechetDistance.TraceOfProductRoot(a, b, 2), 1e-12);
    }

    [Fact]
    public void Two_gaussians_with_known_means_and_covariances()
    {
        var random = new Generator(8);
        const int n = 4;
        var (q1, q2) = (LinearAlgebra.RandomOrthogonal(n, random), LinearAlgebra.RandomOrthogonal(n, random));
        double[] l1 = [3.0, 1.0, 0.5, 0.2]; double[] l2 = [2.0, 1.2, 0.4, 0.1];
        var (s1, s2) = (LinearAlgebra.WithEigenvalues(q1, l1), LinearAlgebra.WithEigenvalues(q2, l2));
        double[] m1 = [0.5, -1.0, 0.0, 2.0]; double[] m2 = [1.0, 0.0, -0.5, 1.5];
        var expected = m1.Zip(m2).Sum(p => (p.First - p.Second) * (p.First - p.Second)) + LinearAlgebra.Trace(s1, n) + LinearAlgebra.Trace(s2, n)
            - 2 * LinearAlgebra.Trace(LinearAlgebra.DenmanBeaversRoot(LinearAlgebra.Multiply(s1, s2, n), n), n);

        Assert.Equal(expected, FrechetDistance.Between(new FeatureStatistics(m1, s1, n, 100), new FeatureStatistics(m2, s2, n, 100)), 1e-9);

        // Sampled: x = m + Q^T diag(sqrt l) z has covariance Q^T diag(l) Q = S.
        float[] Sample(double[] mean, double[] q, double[] l, int count)
        {
            var features = new float[count * n];
            for (var s = 0; s < count; s++)
            {
                var z = Enumerable.Range(0, n).Select(k => random.NextNormal() * Math.Sqrt(l[k])).ToArray();
                for (var j = 0; j < n; j++) features[s * n + j] = (float)(mean[j] + Enumerable.Range(0, n).Sum(k => q[k * n + j] * z[k]));
            }
            return features;
        }
        const int count = 20_000;
        var sampled = FrechetDistance.Between(
            FrechetDistance.Statistics(Sample(m1, q1, l1, count), count, n), FrechetDistance.Statistics(Sample(m2, q2, l2, count), count, n));
        Assert.Equal(expected, sampled, 0.08); // sampling error of means and covariances from 20,000 draws: a few hundredths
    }
}
