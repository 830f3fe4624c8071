using Atelier.NN;
using Atelier.NN.Optim;

namespace Atelier.Models.Gan;

/// <summary>
/// A GAN trained with the non-saturating binary cross-entropy losses of the founding document:
/// L_D = BCE(D(x), 1) + BCE(D(G(z)), 0) with G(z) detached, then L_G = BCE(D(G(z)), 1) on the same
/// fake batch. Images are scaled to [-1, 1] for both networks (the generator ends in tanh).
/// An exponential moving average of the generator's weights (checkpoint prefix <c>generator_ema.</c>)
/// is kept after every step and generates by default: it is much steadier than the weights of the
/// last step. Its decay warms up as min(0.999, (1 + t) / (10 + t)), so short runs average recent steps.
/// </summary>
public sealed class GanModel : GenerativeModel
{
    private const float MaxEmaDecay = 0.999f;
    private readonly NetworkPart _generator;
    private readonly NetworkPart _discriminator;
    private readonly Module _average;
    private readonly (Tensor Average, Tensor Live)[] _averagedPairs;

    /// <param name="generator">Builds the generator network; called twice (the trained network and its average).</param>
    public GanModel(ModelSpec spec, Func<Generator, Module> generator, Module discriminator, Generator random, Func<IEnumerable<Tensor>, Optimizer> optimizer) : base(spec)
    {
        var network = generator(random);
        _generator = new NetworkPart("generator.", network, optimizer(network.Parameters()));
        _discriminator = new NetworkPart("discriminator.", discriminator, optimizer(discriminator.Parameters()));
        // A separate generator for the copy's initialisation, so that the training stream is unchanged.
        _average = generator(new Generator(0));
        _average.LoadStateDict(network.StateDict());
        foreach (var p in _average.Parameters()) p.RequiresGrad = false;
        _average.Eval();
        _averagedPairs = [.. _average.StateEntries().Zip(network.StateEntries(), (average, live) => (average.Tensor, live.Tensor))];
    }

    public Module GeneratorNetwork => _generator.Network;

    /// <summary>The moving average of the generator's weights, which <see cref="GenerativeModel.Generate"/> uses.</summary>
    public Module AveragedGenerator => _average;

    public override IReadOnlyList<(string Prefix, Module Network)> AuxiliaryState => [("generator_ema.", _average)];

    public Module Discriminator => _discriminator.Network;

    public override IReadOnlyList<NetworkPart> Parts => [_generator, _discriminator];

    public override IReadOnlyList<string> LossNames { get; } = ["loss_d", "loss_g", "d_real", "d_fake"];

    protected override IReadOnlyDictionary<string, float> TrainOnBatch(Tensor images, Generator random)
    {
        var n = images.Dim(0);
        var real = images * 2f - 1f;                                   // (N, C, H, W) in [-1, 1]
        var fake = _generator.Network.Forward(SampleLatents(n, random)); // (N, C, H, W)
        var ones = Tensor.Ones(n, 1);
        var zeros = Tensor.Zeros(n, 1);

        var realLogits = _discriminator.Network.Forward(real);
        var fakeLogits = _discriminator.Network.Forward(fake.Detach());
        var lossD = Losses.BinaryCrossEntropyWithLogits(realLogits, ones) + Losses.BinaryCrossEntropyWithLogits(fakeLogits, zeros);
        Step(_discriminator, lossD);

        // D's own gradients are not needed for G's step (they are cleared before D's next one), so D's
        // parameters stop requiring gradients meanwhile and its weight gradients are never computed.
        Tensor lossG;
        using (Freeze(_discriminator))
        {
            lossG = Losses.BinaryCrossEntropyWithLogits(_discriminator.Network.Forward(fake), ones);
            Step(_generator, lossG);
        }
        UpdateAverage(_generator.Optimizer.StepCount);

        return new Dictionary<string, float>
        {
            ["loss_d"] = lossD.Item(),
            ["loss_g"] = lossG.Item(),
            ["d_real"] = MeanProbability(realLogits),
            ["d_fake"] = MeanProbability(fakeLogits),
        };
    }

    protected override Tensor Decode(Tensor latents) => (_average.Forward(latents) + 1f) * 0.5f;

    private void UpdateAverage(long step)
    {
        var decay = Math.Min(MaxEmaDecay, (1f + step) / (10f + step));
        foreach (var (average, live) in _averagedPairs)
        {
            if (live.RequiresGrad)
            {
                // average = decay * average + (1 - decay) * live
                Kernels.SharedPasses.Binary(average.Data, live.Data, average.Data, decay, static (a, l, y, decay) =>
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(a, decay, y);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(l, 1f - decay, y, y);
                });
            }
            else
            {
                live.Data.CopyTo(average.Data); // running statistics follow the live network
            }
        }
    }

    private static float MeanProbability(Tensor logits)
    {
        using var noGrad = Autograd.NoGrad();
        return logits.Sigmoid().Mean().Item();
    }
}
