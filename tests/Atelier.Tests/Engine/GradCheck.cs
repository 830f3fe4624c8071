namespace Atelier.Tests.Engine;

/// <summary>
/// Compares autograd's gradients with central finite differences of L = sum(f(inputs) * upstream).
/// The engine computes in float32, so the differences use a step of 1e-2 on inputs of order 1:
/// the truncation error is O(step^2) ~ 1e-4 and the rounding error of each difference quotient is about
/// 1e-7 |L| / step ~ 1e-5 |L|, with L accumulated in float64. A tolerance of 3e-3 + 2e-2 |expected|
/// covers both by a wide margin while still failing any wrong formula, sign, scale or routing
/// (those are off by O(1)).
/// </summary>
internal static class GradCheck
{
    private const float Step = 1e-2f;

    public static void FirstOrder(Func<Tensor[], Tensor> f, Tensor[] inputs, int seed = 7, double absTol = 3e-3, double relTol = 2e-2)
    {
        foreach (var x in inputs) x.RequiresGrad = true;
        var y = f(inputs);
        var upstream = Tensor.Normal(y.Dims, new Generator(seed));
        var analytic = Autograd.Grad([y], inputs, [upstream]);
        for (var i = 0; i < inputs.Length; i++)
        {
            var data = inputs[i].Data;
            for (var j = 0; j < data.Length; j++)
            {
                var saved = data[j];
                data[j] = saved + Step;
                var plus = Objective(f, inputs, upstream);
                data[j] = saved - Step;
                var minus = Objective(f, inputs, upstream);
                data[j] = saved;
                var numeric = (plus - minus) / (2 * Step);
                var got = analytic[i].Data[j];
                Assert.True(Math.Abs(got - numeric) <= absTol + relTol * Math.Abs(numeric),
                    $"input {i} element {j}: autograd {got}, finite differences {numeric}");
            }
        }
    }

    /// <summary>
    /// Checks the gradient of a gradient: F(inputs) = sum_i sum(d q / d input_i * w_i) with q = f(inputs)^2,
    /// built with createGraph, must itself have gradients that match finite differences. Squaring makes
    /// the upstream gradient depend on the inputs, so even an op that is linear (sum, permute) or
    /// piecewise linear (ReLU) must pass a differentiable gradient through its backward.
    /// </summary>
    public static void SecondOrder(Func<Tensor[], Tensor> f, Tensor[] inputs, int seed = 11)
    {
        var generator = new Generator(seed);
        var weights = inputs.Select(x => Tensor.Normal(x.Dims, generator)).ToArray();
        Tensor GradientObjective(Tensor[] xs)
        {
            var y = f(xs).Pow(2f);
            var upstream = Tensor.Normal(y.Dims, new Generator(seed + 1));
            var grads = Autograd.Grad([y], xs, [upstream], createGraph: true);
            var total = (grads[0] * weights[0]).Sum();
            for (var i = 1; i < xs.Length; i++) total = total + (grads[i] * weights[i]).Sum();
            return total;
        }
        FirstOrder(GradientObjective, inputs, seed + 2);
    }

    private static double Objective(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor upstream)
    {
        var y = f(inputs).Data;
        var u = upstream.Data;
        double sum = 0;
        for (var i = 0; i < y.Length; i++) sum += (double)y[i] * u[i];
        return sum;
    }
}
