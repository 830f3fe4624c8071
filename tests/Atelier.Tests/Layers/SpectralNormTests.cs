using Atelier.NN.Layers;
using Atelier.Tests.Engine;

namespace Atelier.Tests.Layers;

public sealed class SpectralNormTests
{
    private static float[] U(SpectralNorm layer) => layer.StateDict()["weight_u"].ToArray();

    /// <summary>sigma = W_orig / (W / sigma), read off the largest element.</summary>
    private static double Sigma(SpectralNorm layer)
    {
        var original = layer.StateDict()["weight_orig"].ToArray();
        var normalised = layer.NormalisedWeight().ToArray();
        var i = Array.IndexOf(original, original.MaxBy(MathF.Abs));
        return original[i] / (double)normalised[i];
    }

    /// <summary>The largest singular value of a (rows, columns) matrix: power iteration on W^T W in double.</summary>
    private static double LargestSingularValue(float[] w, int rows, int columns)
    {
        var v = Enumerable.Repeat(1.0, columns).ToArray();
        double sigma = 0;
        for (var round = 0; round < 500; round++)
        {
            var wv = Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, columns).Sum(j => w[i * columns + j] * v[j])).ToArray();
            var next = Enumerable.Range(0, columns).Select(j => Enumerable.Range(0, rows).Sum(i => w[i * columns + j] * wv[i])).ToArray();
            var norm = Math.Sqrt(next.Sum(x => x * x));
            v = next.Select(x => x / norm).ToArray();
            sigma = Math.Sqrt(norm); // ||W^T W v|| -> sigma^2 for a unit v along the top singular vector
        }
        return sigma;
    }

    [Fact]
    public void Sigma_converges_to_the_closed_form_of_a_2x2_matrix()
    {
        var linear = new Linear(2, 2, new Generator(1));
        float[] w = [2f, 1f, 0f, 1f];
        w.CopyTo(linear.Weight.Data);
        var layer = new SpectralNorm(linear, new Generator(2));
        for (var i = 0; i < 50; i++) layer.Forward(Tensor.Zeros(1, 2));
        // sigma_max^2 = (S + sqrt(S^2 - 4 det^2)) / 2 with S = 4 + 1 + 0 + 1 = 6 and det = 2: (6 + sqrt(20)) / 2
        Assert.Equal(Math.Sqrt((6 + Math.Sqrt(20)) / 2), Sigma(layer), 4);
    }

    [Fact]
    public void Sigma_of_a_convolution_converges_to_its_largest_singular_value()
    {
        var conv = new Conv2d(2, 3, 3, new Generator(1), stride: 2, padding: 1);
        var layer = new SpectralNorm(conv, new Generator(2));
        var x = Tensor.Normal([2, 2, 5, 5], new Generator(3));
        for (var i = 0; i < 200; i++) layer.Forward(x);
        Assert.Equal(LargestSingularValue(conv.Weight.ToArray(), 3, 18), Sigma(layer), 4);
        // The output is the plain convolution with W / sigma and the layer's own bias, stride and padding.
        layer.Eval();
        var expected = Tensor.Conv2d(x, conv.Weight * (float)(1 / Sigma(layer)), conv.Bias, stride: 2, padding: 1);
        var actual = layer.Forward(x);
        Assert.Equal([2, 3, 3, 3], actual.Shape);
        foreach (var (e, a) in expected.ToArray().Zip(actual.ToArray())) Assert.Equal(e, a, 4);
    }

    [Fact]
    public void One_training_forward_runs_one_power_iteration()
    {
        var linear = new Linear(3, 2, new Generator(1), bias: false);
        var layer = new SpectralNorm(linear, new Generator(2));
        var w = linear.Weight.ToArray(); // (2, 3)
        var u0 = U(layer);
        layer.Forward(Tensor.Zeros(1, 3));
        // v = normalise(W^T u0), u = normalise(W v), worked out in double.
        var v = new double[3];
        for (var j = 0; j < 3; j++) v[j] = w[j] * u0[0] + w[3 + j] * u0[1];
        v = v.Select(x => x / Math.Sqrt(v.Sum(y => y * y))).ToArray();
        var u = new[] { w[0] * v[0] + w[1] * v[1] + w[2] * v[2], w[3] * v[0] + w[4] * v[1] + w[5] * v[2] };
        u = u.Select(x => x / Math.Sqrt(u.Sum(y => y * y))).ToArray();
        var state = layer.StateDict();
        for (var j = 0; j < 3; j++) Assert.Equal(v[j], state["weight_v"].Data[j], 5);
        for (var i = 0; i < 2; i++) Assert.Equal(u[i], state["weight_u"].Data[i], 5);
        // sigma = u . (W v)
        var sigma = u[0] * (w[0] * v[0] + w[1] * v[1] + w[2] * v[2]) + u[1] * (w[3] * v[0] + w[4] * v[1] + w[5] * v[2]);
        Assert.Equal(sigma, Sigma(layer), 5);
    }

    [Fact]
    public void Eval_mode_keeps_u_and_v()
    {
        var layer = new SpectralNorm(new Linear(4, 3, new Generator(1)), new Generator(2));
        var x = Tensor.Normal([2, 4], new Generator(3));
        var u0 = U(layer);
        layer.Eval();
        var first = layer.Forward(x).ToArray();
        Assert.Equal(u0, U(layer));
        Assert.Equal(first, layer.Forward(x).ToArray());
        layer.Train();
        layer.Forward(x);
        Assert.NotEqual(u0, U(layer));
    }

    [Fact]
    public void State_has_PyTorch_names_and_shapes_and_round_trips()
    {
        var source = new SpectralNorm(new Conv2d(2, 3, 3, new Generator(1)), new Generator(2));
        var x = Tensor.Normal([1, 2, 4, 4], new Generator(3));
        for (var i = 0; i < 3; i++) source.Forward(x);
        Assert.Equal(["bias", "weight_orig", "weight_u", "weight_v"], source.StateEntries().Select(e => e.Name));
        Assert.Equal([[3], [3, 2, 3, 3], [3], [18]], source.StateEntries().Select(e => e.Tensor.Shape.ToArray()));
        Assert.Equal(["bias", "weight_orig"], source.NamedParameters().Select(p => p.Name));
        var target = new SpectralNorm(new Conv2d(2, 3, 3, new Generator(8)), new Generator(9));
        target.LoadStateDict(source.StateDict());
        foreach (var (expected, actual) in source.StateEntries().Zip(target.StateEntries())) Assert.Equal(expected.Tensor.ToArray(), actual.Tensor.ToArray());
        source.Eval();
        target.Eval();
        Assert.Equal(source.Forward(x).ToArray(), target.Forward(x).ToArray());
    }

    [Fact]
    public void Gradients_through_sigma_match_finite_differences()
    {
        // Eval mode holds u and v fixed, so the output is a smooth function of weight_orig and bias.
        var layer = new SpectralNorm(new Linear(4, 3, new Generator(1)), new Generator(2));
        var x = Tensor.Normal([2, 4], new Generator(3));
        layer.Forward(x);
        layer.Eval();
        var parameters = layer.Parameters().ToArray();
        GradCheck.FirstOrder(_ => layer.Forward(x), parameters);
        GradCheck.SecondOrder(_ => layer.Forward(x), parameters);
        var conv = new SpectralNorm(new Conv2d(2, 2, 3, new Generator(4), padding: 1), new Generator(5));
        var images = Tensor.Normal([2, 2, 3, 3], new Generator(6));
        conv.Forward(images);
        conv.Eval();
        GradCheck.FirstOrder(_ => conv.Forward(images), conv.Parameters().ToArray());
    }

    [Fact]
    public void A_graph_from_an_earlier_forward_is_not_changed_by_a_later_power_iteration()
    {
        // A GAN step runs the discriminator on real and fake images before one Backward: each graph keeps its own u, v.
        var layer = new SpectralNorm(new Linear(3, 2, new Generator(1)), new Generator(2));
        var x = Tensor.Normal([2, 3], new Generator(3));
        var weight = layer.Parameters().Last();
        var first = layer.Forward(x).Sum();
        var expected = Autograd.Grad([first], [weight])[0].ToArray();
        var again = layer.Forward(x).Sum(); // a second power iteration moves u and v
        Assert.Equal(expected, Autograd.Grad([first], [weight])[0].ToArray());
        Assert.NotEqual(expected, Autograd.Grad([again], [weight])[0].ToArray());
    }
}
