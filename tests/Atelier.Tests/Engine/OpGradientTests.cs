using Atelier.NN;

namespace Atelier.Tests.Engine;

/// <summary>One row per differentiable op: first-order gradients against finite differences, and
/// second-order for the ops a gradient penalty differentiates twice.</summary>
public sealed class OpGradientTests
{
    // Inputs are drawn away from the kinks of non-smooth ops (|x| >= 0.1 > the finite-difference step).
    private static Tensor Input(int seed, params int[] shape) => Tensor.Normal(shape, new Generator(seed)).Map(v => MathF.Abs(v) < 0.1f ? v + MathF.CopySign(0.2f, v) : v);

    private static Tensor Positive(int seed, params int[] shape) => Tensor.Uniform(shape, new Generator(seed), 0.5f, 2f);

    // Two samples of 3 x 3 pixels: sources repeat, some are never read and -1 gives zeros.
    private static readonly int[] PixelMap = Enumerable.Range(0, 18).Select(i => (i / 9 * 7 + i % 9 * 5) % 10 - 1).ToArray();

    public sealed record Case(string Name, Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs, bool SecondOrder = false)
    {
        public override string ToString() => Name;
    }

    public static readonly Case[] Cases =
    [
        new("add-broadcast", x => x[0] + x[1], () => [Input(1, 3, 4), Input(2, 4)], SecondOrder: true),
        new("add-scalar", x => x[0] + 2.5f, () => [Input(1, 3, 4)]),
        new("subtract-broadcast", x => x[0] - x[1], () => [Input(1, 2, 3, 4), Input(2, 3, 1)]),
        new("multiply-broadcast", x => x[0] * x[1], () => [Input(1, 2, 3), Input(2, 2, 1)], SecondOrder: true),
        new("multiply-scalar", x => x[0] * -1.5f, () => [Input(1, 5)]),
        new("divide", x => x[0] / x[1], () => [Input(1, 3, 4), Positive(2, 3, 4)], SecondOrder: true),
        new("scalar-divide", x => 2f / x[0], () => [Positive(1, 6)]),
        new("negate", x => -x[0], () => [Input(1, 3, 4)]),
        new("pow-3", x => x[0].Pow(3f), () => [Input(1, 3, 4)], SecondOrder: true),
        new("pow-half", x => x[0].Pow(0.5f), () => [Positive(1, 3, 4)], SecondOrder: true),
        new("exp", x => x[0].Exp(), () => [Input(1, 3, 4)], SecondOrder: true),
        new("log", x => x[0].Log(), () => [Positive(1, 3, 4)], SecondOrder: true),
        new("sqrt", x => x[0].Sqrt(), () => [Positive(1, 3, 4)], SecondOrder: true),
        new("abs", x => x[0].Abs(), () => [Input(1, 3, 4)]),
        new("clamp", x => x[0].Clamp(-0.5f, 0.7f), () => [Input(1, 4, 5).Map(v => MathF.Abs(v - 0.7f) < 0.05f || MathF.Abs(v + 0.5f) < 0.05f ? v + 0.12f : v)]),
        new("sum-all", x => x[0].Sum(), () => [Input(1, 3, 4)], SecondOrder: true),
        new("sum-axes", x => x[0].Sum([0, 2]), () => [Input(1, 2, 3, 4)], SecondOrder: true),
        new("sum-keepdim", x => x[0].Sum(1, keepDim: true) * x[0], () => [Input(1, 3, 4)], SecondOrder: true),
        new("mean-axis", x => x[0].Mean(-1), () => [Input(1, 3, 4)]),
        new("max-axis", x => x[0].Max(1), () => [Input(1, 3, 5)]),
        new("matmul", x => Tensor.MatMul(x[0], x[1]), () => [Input(1, 3, 4), Input(2, 4, 5)], SecondOrder: true),
        new("matmul-transposed", x => Tensor.MatMul(x[0], x[1], transposeA: true, transposeB: true), () => [Input(1, 4, 3), Input(2, 5, 4)], SecondOrder: true),
        new("matmul-batched", x => Tensor.MatMul(x[0], x[1]), () => [Input(1, 2, 3, 4), Input(2, 2, 4, 2)]),
        new("matmul-batched-shared", x => Tensor.MatMul(x[0], x[1]), () => [Input(1, 2, 3, 4), Input(2, 4, 2)]),
        new("linear", x => Tensor.Linear(x[0], x[1], x[2]), () => [Input(1, 3, 5), Input(2, 4, 5), Input(3, 4)], SecondOrder: true),
        new("conv2d-k3s1p1", x => Tensor.Conv2d(x[0], x[1], x[2], stride: 1, padding: 1), () => [Input(1, 2, 2, 5, 5), Input(2, 3, 2, 3, 3), Input(3, 3)], SecondOrder: true),
        new("conv2d-k4s2p1", x => Tensor.Conv2d(x[0], x[1], null, stride: 2, padding: 1), () => [Input(1, 2, 2, 6, 6), Input(2, 3, 2, 4, 4)], SecondOrder: true),
        new("conv-transpose2d-k4s2p1", x => Tensor.ConvTranspose2d(x[0], x[1], x[2], stride: 2, padding: 1), () => [Input(1, 2, 3, 3, 3), Input(2, 3, 2, 4, 4), Input(3, 2)], SecondOrder: true),
        new("conv-transpose2d-outpad", x => Tensor.ConvTranspose2d(x[0], x[1], null, stride: 2, padding: 1, outputPadding: 1), () => [Input(1, 1, 2, 3, 3), Input(2, 2, 2, 3, 3)]),
        new("batch-norm2d-train", x => Tensor.BatchNorm(x[0], x[1], x[2], Tensor.Zeros(3), Tensor.Ones(3), training: true), () => [Input(1, 4, 3, 2, 2), Input(2, 3), Input(3, 3)], SecondOrder: true),
        new("batch-norm1d-train", x => Tensor.BatchNorm(x[0], x[1], x[2], Tensor.Zeros(5), Tensor.Ones(5), training: true), () => [Input(1, 6, 5), Input(2, 5), Input(3, 5)]),
        new("batch-norm2d-eval", x => Tensor.BatchNorm(x[0], x[1], x[2], Input(9, 3), Positive(10, 3), training: false), () => [Input(1, 2, 3, 2, 2), Input(2, 3), Input(3, 3)], SecondOrder: true),
        new("relu", x => x[0].Relu(), () => [Input(1, 3, 4)], SecondOrder: true),
        new("leaky-relu", x => x[0].LeakyRelu(0.2f), () => [Input(1, 3, 4)], SecondOrder: true),
        new("tanh", x => x[0].Tanh(), () => [Input(1, 3, 4)], SecondOrder: true),
        new("sigmoid", x => x[0].Sigmoid(), () => [Input(1, 3, 4)], SecondOrder: true),
        new("softplus", x => x[0].Softplus(), () => [Input(1, 3, 4)], SecondOrder: true),
        new("dropout", x => x[0].Dropout(0.3f, new Generator(5)), () => [Input(1, 4, 6)]),
        new("reshape", x => x[0].Reshape(4, -1) * x[1], () => [Input(1, 2, 3, 2), Input(2, 4, 3)]),
        new("flatten", x => x[0].Flatten(), () => [Input(1, 2, 3, 2)]),
        new("permute", x => x[0].Permute(2, 0, 1), () => [Input(1, 2, 3, 4)], SecondOrder: true),
        new("transpose", x => x[0].Transpose(), () => [Input(1, 3, 4)]),
        new("slice", x => x[0].Slice(1, 1, 2), () => [Input(1, 2, 4, 3)], SecondOrder: true),
        new("concat", x => Tensor.Concat([x[0], x[1]], axis: 1), () => [Input(1, 2, 3), Input(2, 2, 2)], SecondOrder: true),
        new("broadcast-to", x => x[0].BroadcastTo([2, 3, 4]), () => [Input(1, 3, 1)]),
        new("upsample-nearest", x => x[0].UpsampleNearest(2), () => [Input(1, 1, 2, 3, 2)], SecondOrder: true),
        new("remap-pixels", x => x[0].RemapPixels(PixelMap), () => [Input(1, 2, 2, 3, 3)], SecondOrder: true),
        new("scatter-pixels", x => x[0].ScatterPixels(PixelMap), () => [Input(1, 2, 2, 3, 3)], SecondOrder: true),
        new("bce-with-logits", x => Losses.BinaryCrossEntropyWithLogits(x[0], Tensor.Uniform([3, 4], new Generator(4))), () => [Input(1, 3, 4)], SecondOrder: true),
        new("bce-with-logits-target", x => Tensor.BinaryCrossEntropyWithLogits(x[0], x[1]), () => [Input(1, 3, 4), Tensor.Uniform([3, 4], new Generator(4))]),
        new("mse", x => Losses.MeanSquaredError(x[0], x[1]), () => [Input(1, 3, 4), Input(2, 3, 4)], SecondOrder: true),
        new("cross-entropy", x => Losses.CrossEntropy(x[0], [2, 0, 4]), () => [Input(1, 3, 5)]),
        new("log-softmax", x => x[0].LogSoftmax(), () => [Input(1, 3, 5)], SecondOrder: true),
        new("softmax", x => x[0].Softmax(), () => [Input(1, 3, 5)], SecondOrder: true),
        new("embedding", x => Tensor.Embedding(x[0], [2, 0, 2, 4]), () => [Input(1, 5, 3)], SecondOrder: true),
        new("gaussian-kl", x => Losses.GaussianKlDivergence(x[0], x[1]), () => [Input(1, 3, 4), Input(2, 3, 4)]),
    ];

    public static TheoryData<Case> FirstOrderCases() => new(Cases);

    public static TheoryData<Case> SecondOrderCases() => new(Cases.Where(c => c.SecondOrder));

    [Theory]
    [MemberData(nameof(FirstOrderCases))]
    public void Gradient_matches_finite_differences(Case c) => GradCheck.FirstOrder(c.F, c.Inputs());

    [Theory]
    [MemberData(nameof(SecondOrderCases))]
    public void Second_order_gradient_matches_finite_differences(Case c) => GradCheck.SecondOrder(c.F, c.Inputs());

    [Fact]
    public void A_wrong_gradient_is_caught_by_the_harness()
    {
        // The harness itself must be able to fail: an op whose backward is off by a factor of 2.
        var error = Assert.ThrowsAny<Exception>(() => GradCheck.FirstOrder(x => SquareWithWrongGradient(x[0]), [Input(1, 3)]));
        Assert.Contains("finite differences", error.Message);
    }

    private static Tensor SquareWithWrongGradient(Tensor x)
    {
        var y = x.Detach().Pow(2f);
        return y.Record("wrong-square", [x], g => [g * x * 4f]);
    }
}
