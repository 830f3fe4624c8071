using Atelier.Kernels;

namespace Atelier.Tests.Kernels;

public sealed class VectorMathTests
{
    /// <summary>Inputs across the whole range, with the edges of overflow and underflow, in every lane position.</summary>
    private static float[] Inputs()
    {
        var values = new List<float> { 0f, -0f, 1f, -1f, 1e-8f, -1e-8f, 0.5f, 88.7f, 88.72f, 88.73f, 100f, -87.3f, -87.34f, -100f, -1e4f, 1e4f };
        var random = new Generator(3);
        for (var i = 0; i < 4000; i++) values.Add((random.NextFloat() * 2f - 1f) * 90f);
        for (var i = 0; i < 1000; i++) values.Add((random.NextFloat() * 2f - 1f) * 4f);
        values.Add(1f); // an odd length exercises the scalar tail
        return [.. values];
    }

    [Fact]
    public void Exp_is_within_3_ulp_of_the_double_precision_value()
    {
        var x = Inputs();
        var y = new float[x.Length];
        VectorMath.Exp(x, y);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = Math.Exp(x[i]);
            if (expected > float.MaxValue) Assert.Equal(float.PositiveInfinity, y[i]);
            else if (expected < 1.1754944e-38) Assert.True(y[i] >= 0f && y[i] <= 1.2e-38f, $"exp({x[i]}) = {y[i]}, expected about {expected}");
            else Assert.True(Math.Abs(y[i] - expected) <= 3 * 6e-8 * expected, $"exp({x[i]}) = {y[i]}, expected {expected}");
        }
    }

    [Fact]
    public void Sigmoid_is_within_1e_7_of_the_double_precision_value()
    {
        var x = Inputs();
        var y = new float[x.Length];
        VectorMath.Sigmoid(x, y);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = 1.0 / (1.0 + Math.Exp(-x[i]));
            Assert.True(Math.Abs(y[i] - expected) <= 1e-7 + 3e-7 * expected, $"sigmoid({x[i]}) = {y[i]}, expected {expected}");
        }
    }

    [Fact]
    public void Infinities_and_NaN_behave_like_MathF()
    {
        float[] x = [float.PositiveInfinity, float.NegativeInfinity, float.NaN, .. new float[16]];
        var y = new float[x.Length];
        VectorMath.Exp(x, y);
        Assert.Equal([float.PositiveInfinity, 0f], y[..2]);
        Assert.True(float.IsNaN(y[2]));
        VectorMath.Sigmoid(x, y);
        Assert.Equal([1f, 0f], y[..2]);
        Assert.True(float.IsNaN(y[2]));
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_matches_the_double_precision_formula()
    {
        var x = Inputs();
        var random = new Generator(9);
        var t = x.Select(_ => random.NextFloat()).ToArray();
        var y = new float[x.Length];
        VectorMath.BinaryCrossEntropyWithLogits(x, t, y);
        for (var i = 0; i < x.Length; i++)
        {
            // -[t log s + (1 - t) log(1 - s)] with s = sigmoid(x), in double. In float32, max(x, 0) - x t
            // cancels: its rounding error is a few ulp of |x|, which bounds the tolerance.
            double v = x[i], target = t[i];
            var expected = Math.Max(v, 0) - v * target + Math.Log(1 + Math.Exp(-Math.Abs(v)));
            Assert.True(Math.Abs(y[i] - expected) <= 1e-6 + 1e-6 * Math.Abs(expected) + 3e-7 * Math.Abs(v), $"bce({x[i]}, {t[i]}) = {y[i]}, expected {expected}");
        }
    }

    [Fact]
    public void Tanh_is_within_1e_7_of_the_double_precision_value()
    {
        float[] x = [.. Inputs(), 0.0624f, 0.0625f, -0.0626f, 1e-30f, float.PositiveInfinity, float.NegativeInfinity];
        var y = new float[x.Length];
        VectorMath.Tanh(x, y);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = Math.Tanh(x[i]);
            Assert.True(Math.Abs(y[i] - expected) <= 6e-8 + 3e-7 * Math.Abs(expected), $"tanh({x[i]}) = {y[i]}, expected {expected}");
        }
    }
}
