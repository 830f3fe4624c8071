using Atelier.Models;
using Atelier.Tests.Kernels;
using Atelier.NN;
using Atelier.NN.Layers;
using Atelier.NN.Optim;

namespace Atelier.Tests.Engine;

[Collection(BackendThreadsCollection.Name)]
public sealed class TensorScopeTests
{
    private static Sequential Mlp(Generator random) =>
        new(new Linear(6, 16, random), new LeakyReLU(0.2f), new Linear(16, 16, random), new Tanh(), new Linear(16, 1, random));

    /// <summary>A convolution, batch norm, a gradient shared by two paths (x + x) and a flatten: every way a gradient is passed on.</summary>
    private sealed class ConvNet : Module
    {
        private readonly Conv2d _conv;
        private readonly BatchNorm2d _norm;
        private readonly Linear _head;

        public ConvNet(Generator random)
        {
            _conv = RegisterModule("conv", new Conv2d(2, 4, 3, random, stride: 2, padding: 1));
            _norm = RegisterModule("norm", new BatchNorm2d(4));
            _head = RegisterModule("head", new Linear(4 * 4 * 4, 1, random));
        }

        public override Tensor Forward(Tensor input)
        {
            var h = _norm.Forward(_conv.Forward(input)).LeakyRelu(0.2f);
            return _head.Forward((h + h * h).Flatten());
        }
    }

    /// <summary>Trains a small network for a few Adam steps, each step inside a scope or not.</summary>
    private static float[][] Train(bool scoped, bool convolutional, int steps = 5)
    {
        var random = new Generator(7);
        Module network = convolutional ? new ConvNet(random) : Mlp(random);
        var optimizer = new Adam(network.Parameters(), 1e-2f);
        var x = convolutional ? Tensor.Normal([8, 2, 8, 8], random) : Tensor.Normal([32, 6], random);
        var target = Tensor.Uniform([x.Dim(0), 1], random);
        for (var step = 0; step < steps; step++)
        {
            using var scope = scoped ? TensorScope.Begin() : null;
            optimizer.ZeroGrad();
            var loss = Losses.BinaryCrossEntropyWithLogits(network.Forward(x), target);
            loss.Backward();
            optimizer.Step();
        }
        return [.. network.Parameters().Select(p => p.ToArray())];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Training_inside_scopes_matches_training_without_them_bit_for_bit(bool convolutional)
    {
        // Inside a scope, intermediate gradients return to the pool during the backward pass and their
        // storage is reused at once: any gradient released too early would change the result.
        var plain = Train(scoped: false, convolutional);
        var scoped = Train(scoped: true, convolutional);
        Assert.Equal(plain.Length, scoped.Length);
        for (var i = 0; i < plain.Length; i++) Assert.Equal(plain[i], scoped[i]);
    }

    [Fact]
    public void A_result_read_after_its_scope_ended_throws_a_clear_error()
    {
        var x = Tensor.FromArray([1f, 2f, 3f], 3);
        Tensor y, total;
        using (TensorScope.Begin())
        {
            y = (x * 2f).Reshape(3, 1);
            total = y.Sum();
        }
        var error = Assert.Throws<ObjectDisposedException>(() => y.ToArray());
        Assert.Contains("Copy() inside the step", error.Message);
        Assert.Throws<ObjectDisposedException>(() => total.Item());
    }

    [Fact]
    public void Copies_user_tensors_and_parameters_outlive_the_scope()
    {
        var random = new Generator(1);
        Tensor copy, made, layerWeight;
        using (TensorScope.Begin())
        {
            copy = (Tensor.Ones(2, 2) * 3f).Copy();
            made = new Tensor(2, 2);
            layerWeight = new Linear(2, 2, random).Weight;
        }
        using (TensorScope.Begin()) _ = Tensor.Full(-1f, 2, 2) * 5f; // reuses whatever storage was returned
        Assert.Equal([3f, 3f, 3f, 3f], copy.ToArray());
        Assert.Equal([0f, 0f, 0f, 0f], made.ToArray());
        Assert.Equal(4, layerWeight.ToArray().Length);
    }

    [Fact]
    public void A_leaf_gradient_lives_until_zero_grad_returns_it_to_the_pool()
    {
        var w = Tensor.FromArray([1f, -2f], 2);
        w.RequiresGrad = true;
        var optimizer = new Sgd([w], 0.1f);
        using (TensorScope.Begin()) ((w * w).Sum()).Backward();
        Assert.Equal([2f, -4f], w.Grad!.ToArray());
        var old = w.Grad;
        optimizer.ZeroGrad();
        Assert.Null(w.Grad);
        Assert.Throws<ObjectDisposedException>(() => old.ToArray());
    }

    [Fact]
    public void Scopes_must_end_in_reverse_order()
    {
        var outer = TensorScope.Begin();
        var inner = TensorScope.Begin();
        var error = Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        Assert.Contains("reverse order", error.Message);
        inner.Dispose();
        outer.Dispose();
    }

    [Theory]
    [InlineData("seed-gan")]
    [InlineData("dcgan")]
    [InlineData("mlp-vae")]
    [InlineData("conv-vae")]
    public void A_steady_state_train_step_allocates_under_64_KiB(string name)
    {
        var random = new Generator(0);
        var model = ModelCatalog.Create(name, random);
        var spec = model.Spec;
        var images = Tensor.Uniform([spec.DefaultBatch, spec.Channels, spec.ImageSize, spec.ImageSize], random);
        for (var i = 0; i < 3; i++) model.TrainStep(images, random);
        const int steps = 3;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < steps; i++) model.TrainStep(images, random);
        var perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;
        Assert.True(perStep < 64 * 1024, $"{name}: {perStep / 1024.0:F1} KiB allocated per step");
    }

    [Fact]
    public void Releasing_pooled_memory_makes_the_next_step_allocate_afresh()
    {
        var random = new Generator(0);
        var model = ModelCatalog.Create("mlp-vae", random);
        var images = Tensor.Uniform([128, 1, 28, 28], random);
        long Step()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            model.TrainStep(images, random);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        for (var i = 0; i < 3; i++) Step();
        Assert.True(Step() < 64 * 1024);
        TensorScope.ReleasePooledMemory();
        Assert.True(Step() > 1 << 20, "the pool should have been emptied"); // the step's activations alone are megabytes
        Assert.True(Step() < 64 * 1024);
    }
}
