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
}
