namespace Atelier.Tests.Engine;

/// <summary>Each fused op against the composition of plain ops it replaces: same values, same gradients.</summary>
public sealed class FusedOpTests
{
    private static Tensor Leaf(int[] shape, Generator random)
    {
        var t = Tensor.Normal(shape, random);
        t.RequiresGrad = true;
        return t;
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray(), actual.ToArray());
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5f + 1e-5f * Math.Abs(e[i]), $"{what}[{i}]: expected {e[i]}, got {a[i]}");
    }

    [Theory]
    [InlineData(5, 7, 3, true)]
    [InlineData(64, 100, 128, true)]
    [InlineData(13, 40, 33, false)]
    public void Linear_matches_matmul_plus_broadcast_bias(int n, int inFeatures, int outFeatures, bool withBias)
    {
        var random = new Generator(11);
        var (x, w) = (Leaf([n, inFeatures], random), Leaf([outFeatures, inFeatures], random));
        var b = withBias ? Leaf([outFeatures], random) : null;
        var upstream = Tensor.Normal([n, outFeatures], random);
        Tensor[] inputs = b is null ? [x, w] : [x, w, b];

        var fused = Tensor.Linear(x, w, b);
        var plain = Tensor.MatMul(x, w, transposeB: true);
        if (b is not null) plain += b;

        AssertClose(plain, fused, "output");
        var fusedGrads = Autograd.Grad([fused], inputs, [upstream]);
        var plainGrads = Autograd.Grad([plain], inputs, [upstream]);
        for (var i = 0; i < inputs.Length; i++) AssertClose(plainGrads[i], fusedGrads[i], $"gradient {i}");
    }

    [Theory]
    [InlineData(new[] { 16, 6272 })]
    [InlineData(new[] { 8, 5, 7, 7 })]
    public void Inference_batch_norm_matches_the_differentiable_evaluation_form(int[] shape)
    {
        var random = new Generator(4);
        var channels = shape[1];
        var x = Tensor.Normal(shape, random);
        var (weight, bias) = (Tensor.Normal([channels], random), Tensor.Normal([channels], random));
        var runningMean = Tensor.Normal([channels], random);
        var runningVar = Tensor.Uniform([channels], random, 0.5f, 2f);

        Tensor fused;
        using (Autograd.NoGrad()) fused = Tensor.BatchNorm(x, weight, bias, runningMean, runningVar, training: false);
        x.RequiresGrad = true; // takes the composite path, which autograd can differentiate
        var composite = Tensor.BatchNorm(x, weight, bias, runningMean, runningVar, training: false);
        AssertClose(composite, fused, "inference batch norm");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.2f)]
    public void Relu_backward_matches_the_product_with_its_step_mask(float slope)
    {
        var random = new Generator(6);
        var x = Leaf([7, 33], random);
        x.Data[0] = 0f; // the kink: both forms take the negative side there
        var upstream = Tensor.Normal([7, 33], random);
        var y = slope == 0f ? x.Relu() : x.LeakyRelu(slope);
        var fused = Autograd.Grad([y], [x], [upstream])[0];
        var plain = Autograd.Grad([y], [x], [upstream], createGraph: true)[0]; // the differentiable product
        Assert.Equal(plain.ToArray(), fused.ToArray());
    }
}
