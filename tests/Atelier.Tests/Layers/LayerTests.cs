using Atelier.Checkpoints;
using Atelier.NN;
using Atelier.NN.Layers;

namespace Atelier.Tests.Layers;

/// <summary>
/// The per-layer conformance table (Keras' style): output shape, parameter names and count, a state
/// round trip through a safetensors file, and gradients reaching every parameter.
/// </summary>
public sealed class LayerTests
{
    /// <param name="MakeInput">The input for a seed, for layers that need more than N(0, 1) values (class indices).</param>
    public sealed record Case(string Name, Func<Generator, Module> Build, int[] InputShape, int[] OutputShape, string[] StateNames, int ParameterCount, Func<int, Tensor>? MakeInput = null)
    {
        public Tensor Input(int seed) => MakeInput?.Invoke(seed) ?? Tensor.Normal(InputShape, new Generator(seed));

        public override string ToString() => Name;
    }

    public static readonly Case[] Cases =
    [
        new("linear", g => new Linear(5, 3, g), [4, 5], [4, 3], ["weight", "bias"], 18),
        new("linear-no-bias", g => new Linear(5, 3, g, bias: false), [4, 5], [4, 3], ["weight"], 15),
        new("conv2d", g => new Conv2d(2, 4, 3, g, padding: 1), [2, 2, 6, 6], [2, 4, 6, 6], ["weight", "bias"], 76),
        new("conv2d-stride2", g => new Conv2d(1, 8, 4, g, stride: 2, padding: 1, bias: false), [3, 1, 28, 28], [3, 8, 14, 14], ["weight"], 128),
        new("conv-transpose2d", g => new ConvTranspose2d(4, 2, 4, g, stride: 2, padding: 1), [2, 4, 7, 7], [2, 2, 14, 14], ["weight", "bias"], 130),
        new("batch-norm1d", _ => new BatchNorm1d(6), [5, 6], [5, 6], ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], 12),
        new("batch-norm2d", _ => new BatchNorm2d(3), [4, 3, 5, 5], [4, 3, 5, 5], ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], 6),
        new("sequential", g => new Sequential(new Linear(4, 8, g), new LeakyReLU(0.2f), new Dropout(0.1f, g), new Linear(8, 2, g), new Tanh()),
            [3, 4], [3, 2], ["0.weight", "0.bias", "3.weight", "3.bias"], 58),
        new("conv-stack", g => new Sequential(new Conv2d(1, 4, 3, g, padding: 1), new ReLU(), new UpsampleNearest(2), new Flatten(), new Linear(4 * 8 * 8, 2, g), new Sigmoid()),
            [2, 1, 4, 4], [2, 2], ["0.weight", "0.bias", "4.weight", "4.bias"], 40 + 514),
        new("reshape-softplus", g => new Sequential(new Linear(3, 12, g), new Reshape(3, 2, 2), new Softplus()), [2, 3], [2, 3, 2, 2], ["0.weight", "0.bias"], 48),
        new("spectral-norm-linear", g => new Sequential(new SpectralNorm(new Linear(5, 3, g), g), new LeakyReLU(0.2f)), [4, 5], [4, 3],
            ["0.bias", "0.weight_orig", "0.weight_u", "0.weight_v"], 18),
        new("spectral-norm-conv2d", g => new SpectralNorm(new Conv2d(2, 4, 4, g, stride: 2, padding: 1, bias: false), g), [2, 2, 6, 6], [2, 4, 3, 3],
            ["weight_orig", "weight_u", "weight_v"], 128),
        new("embedding", g => new Embedding(5, 4, g), [3], [3, 4], ["weight"], 20, seed => Tensor.FromArray([seed % 5, 0f, 4f], 3)),
    ];

    public static TheoryData<Case> All() => new(Cases);

    [Theory]
    [MemberData(nameof(All))]
    public void Output_shape_and_state_names(Case c)
    {
        var module = c.Build(new Generator(1));
        var y = module.Forward(c.Input(2));
        Assert.Equal(c.OutputShape, y.Shape);
        Assert.Equal(c.StateNames, module.StateEntries().Select(e => e.Name));
        Assert.Equal(c.ParameterCount, module.ParameterCount());
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Gradients_reach_every_parameter(Case c)
    {
        var module = c.Build(new Generator(1));
        var y = module.Forward(c.Input(2));
        (y * Tensor.Normal(c.OutputShape, new Generator(3))).Sum().Backward();
        foreach (var (name, p) in module.NamedParameters())
        {
            Assert.NotNull(p.Grad);
            Assert.True(p.Grad!.Data.ToArray().Any(v => v != 0f), $"{c.Name}: gradient of {name} is all zeros");
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void State_round_trips_through_a_safetensors_file(Case c)
    {
        var dir = Directory.CreateTempSubdirectory("atelier-layer-");
        try
        {
            var source = c.Build(new Generator(1));
            source.Forward(c.Input(2)); // moves running statistics
            var path = Path.Combine(dir.FullName, "state.safetensors");
            Checkpoint.Save(path, source, "net.");
            var target = c.Build(new Generator(99));
            Checkpoint.Load(path, target, "net.");
            foreach (var (expected, actual) in source.StateEntries().Zip(target.StateEntries()))
                Assert.Equal(expected.Tensor.ToArray(), actual.Tensor.ToArray());
            source.Eval();
            target.Eval();
            var x = c.Input(4);
            Assert.Equal(source.Forward(x).ToArray(), target.Forward(x).ToArray());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Default_initialisation_follows_PyTorch_bounds()
    {
        // PyTorch: U(-1/sqrt(fan_in), 1/sqrt(fan_in)); conv-transpose fan_in = out * k * k.
        var linear = new Linear(400, 20, new Generator(1));
        Assert.InRange(linear.Weight.Data.ToArray().Max(), 0.045f, 0.05f);
        Assert.True(linear.Weight.Data.ToArray().All(v => MathF.Abs(v) <= 0.05f));
        var up = new ConvTranspose2d(128, 64, 4, new Generator(1));
        var bound = 1f / MathF.Sqrt(64 * 16);
        Assert.True(up.Weight.Data.ToArray().All(v => MathF.Abs(v) <= bound));
        Assert.True(up.Weight.Data.ToArray().Max() > 0.95f * bound);
    }

    [Fact]
    public void Loading_a_state_of_another_shape_names_the_entry()
    {
        var small = new Sequential(new Linear(4, 8, new Generator(1)));
        var big = new Sequential(new Linear(4, 9, new Generator(1)));
        var error = Assert.Throws<StateDictException>(() => big.LoadStateDict(small.StateDict()));
        Assert.Contains("'0.weight' has shape [8, 4] but the model expects [9, 4]", error.Message);
        var other = new Sequential(new Linear(4, 8, new Generator(1)), new Linear(8, 1, new Generator(1)));
        Assert.Contains("missing 1.weight", Assert.Throws<StateDictException>(() => other.LoadStateDict(small.StateDict())).Message);
    }

    [Fact]
    public void A_checkpoint_with_the_wrong_dtype_names_it()
    {
        var dir = Directory.CreateTempSubdirectory("atelier-dtype-");
        try
        {
            var path = Path.Combine(dir.FullName, "bn.safetensors");
            SafetensorsFile.Write(path, [
                new("weight", SafetensorsTensor.FromFloats([1f, 1f], [2])), new("bias", SafetensorsTensor.FromFloats([0f, 0f], [2])),
                new("running_mean", SafetensorsTensor.FromFloats([0f, 0f], [2])), new("running_var", SafetensorsTensor.FromFloats([1f, 1f], [2])),
                new("num_batches_tracked", SafetensorsTensor.FromFloats([3f], []))]);
            var error = Assert.Throws<StateDictException>(() => Checkpoint.Load(path, new BatchNorm1d(2)));
            Assert.Contains("'num_batches_tracked' is stored as F32 but the model needs I64", error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Non_finite_state_is_never_written()
    {
        var dir = Directory.CreateTempSubdirectory("atelier-nan-");
        try
        {
            var path = Path.Combine(dir.FullName, "last.safetensors");
            var model = new Linear(2, 2, new Generator(1));
            Checkpoint.Save(path, model);
            var good = File.ReadAllBytes(path);
            model.Weight.Data[3] = float.NaN;
            var error = Assert.Throws<NonFiniteTensorException>(() => Checkpoint.Save(path, model));
            Assert.Contains("'weight' holds NaN at element 3", error.Message);
            Assert.Equal(good, File.ReadAllBytes(path));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Batch_norm_counts_batches_and_uses_running_statistics_in_eval()
    {
        var bn = new BatchNorm1d(1);
        bn.Forward(Tensor.FromArray([1f, 3f], 2, 1));
        Assert.Equal(1f, bn.NumBatchesTracked.Item());
        Assert.Equal(0.2f, bn.RunningMean.Item(), 6);           // 0.9 * 0 + 0.1 * 2
        Assert.Equal(0.9f + 0.1f * 2f, bn.RunningVar.Item(), 6); // unbiased variance of {1, 3} is 2
        bn.Eval();
        var y = bn.Forward(Tensor.FromArray([0.2f], 1, 1));
        Assert.Equal(0f, y.Item(), 6);
    }
}
