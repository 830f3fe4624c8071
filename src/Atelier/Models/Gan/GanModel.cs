using Atelier.NN;
using Atelier.NN.Augmentation;
using Atelier.NN.Optim;

namespace Atelier.Models.Gan;

/// <summary>
/// A GAN and its training step, following its <see cref="GanRecipe"/>. Images are scaled to [-1, 1] for
/// both networks (the generator ends in tanh). Each step updates D once: its loss on a real batch and on a
/// fake batch G(z) (detached), plus the gradient penalty or R1 when chosen, with both batches augmented the
/// same way when a DiffAugment policy is set. Every <see cref="GanRecipe.CriticSteps"/>-th step G is then
/// updated on the same fake batch, augmented afresh, through D. A conditional GAN draws fake labels uniformly.
/// An exponential moving average of the generator's weights (checkpoint prefix <c>generator_ema.</c>) is kept
/// after every G step and generates by default: it is much steadier than the weights of the last step.
/// Its decay warms up as min(0.999, (1 + t) / (10 + t)), so short runs average recent steps.
/// </summary>
public sealed class GanModel : GenerativeModel
{
    private const float MaxEmaDecay = 0.999f;
    private readonly NetworkPart _generator;
    private readonly NetworkPart _discriminator;
    private readonly Module _average;
    private readonly (Tensor Average, Tensor Live)[] _averagedPairs;
    private readonly AdaptiveAugment? _adaptive;

    /// <param name="generator">Builds the generator network; called twice (the trained network and its average).</param>
    public GanModel(ModelSpec spec, GanRecipe recipe, Func<Generator, Module> generator, Module discriminator, Generator random, Func<IEnumerable<Tensor>, Optimizer> optimizer) : base(spec)
    {
        Recipe = recipe;
        var network = generator(random);
        _generator = new NetworkPart("generator.", network, optimizer(network.Parameters()));
        _discriminator = new NetworkPart("discriminator.", discriminator, optimizer(discriminator.Parameters()));
        // A separate generator for the copy's initialisation, so that the training stream is unchanged.
        _average = generator(new Generator(0));
        _average.LoadStateDict(network.StateDict());
        foreach (var p in _average.Parameters()) p.RequiresGrad = false;
        _average.Eval();
        _averagedPairs = [.. _average.StateEntries().Zip(network.StateEntries(), (average, live) => (average.Tensor, live.Tensor))];
        if (recipe.AdaTarget is float target) _adaptive = new AdaptiveAugment(target, initialProbability: recipe.AugmentProbability);
        LossNames = ["loss_d", "loss_g", "d_real", "d_fake", .. recipe.GradientPenalty > 0 || recipe.R1 > 0 ? ["penalty"] : Array.Empty<string>(),
            .. _adaptive is null ? Array.Empty<string>() : ["augment_p", "d_real_sign"]];
    }

    public GanRecipe Recipe { get; }

    public override int Classes => Recipe.Classes;

    public Module GeneratorNetwork => _generator.Network;

    /// <summary>The moving average of the generator's weights, which <see cref="GenerativeModel.Generate"/> uses unless the recipe turns it off.</summary>
    public Module AveragedGenerator => _average;

    public override IReadOnlyList<(string Prefix, Module Network)> AuxiliaryState =>
        [("generator_ema.", _average), .. _adaptive is null ? Array.Empty<(string, Module)>() : [("augment.", _adaptive)]];

    public Module Discriminator => _discriminator.Network;

    public override IReadOnlyList<NetworkPart> Parts => [_generator, _discriminator];

    public override IReadOnlyList<string> LossNames { get; }

    /// <summary>The probability with which each augmentation is applied now (adaptive or fixed).</summary>
    public float AugmentProbability => _adaptive?.Probability ?? Recipe.AugmentProbability;

    protected override IReadOnlyDictionary<string, float> TrainOnBatch(Tensor images, int[]? labels, Generator random)
    {
        var n = images.Dim(0);
        var realLabels = labels; // checked by TrainStep; null for an unconditional model
        var fakeLabels = Classes > 0 ? ConditionalLabels.Draw(n, Classes, random) : null;
        if (fakeLabels is not null && Recipe.ModeSeeking > 0)
            for (var i = 0; i < n / 2; i++) fakeLabels[n / 2 + i] = fakeLabels[i]; // the pairs mode seeking compares share a class
        var real = images * 2f - 1f;                                                             // (N, C, H, W) in [-1, 1]
        var latents = SampleLatents(n, random);                                                  // (N, Z)
        var fake = Run(_generator.Network, latents, fakeLabels);                                  // (N, C, H, W)

        var realSeen = Augment(real, random);
        var fakeSeen = Augment(fake.Detach(), random);
        var (realLogits, realClasses) = Judge(realSeen, realLabels);                              // (N, 1)
        var (fakeLogits, fakeClasses) = Judge(fakeSeen, fakeLabels);
        var lossD = GanLosses.Discriminator(Recipe.Loss, realLogits, fakeLogits);
        if (Recipe.Conditioning == Conditioning.AuxiliaryClassifier)
            lossD = lossD + Losses.CrossEntropy(realClasses!, realLabels!) + Losses.CrossEntropy(fakeClasses!, fakeLabels!);
        Tensor? penalty = null;
        if (Recipe.GradientPenalty > 0)
            penalty = GanLosses.GradientPenalty(x => Judge(x, realLabels).Logits, realSeen, fakeSeen, random) * Recipe.GradientPenalty;
        if (Recipe.R1 > 0)
        {
            var r1 = GanLosses.R1Penalty(x => Judge(x, realLabels).Logits, realSeen) * (Recipe.R1 / 2f);
            penalty = penalty is null ? r1 : penalty + r1;
        }
        Step(_discriminator, penalty is null ? lossD : lossD + penalty);
        _adaptive?.Observe(realLogits);

        float lossG;
        if (_discriminator.Optimizer.StepCount % Recipe.CriticSteps == 0)
        {
            // D's own gradients are not needed for G's step (they are cleared before D's next one), so D's
            // parameters stop requiring gradients meanwhile and its weight gradients are never computed.
            using (Freeze(_discriminator))
            {
                var (logits, classes) = Judge(Augment(fake, random), fakeLabels);
                var loss = GanLosses.Generator(Recipe.Loss, logits);
                if (Recipe.Conditioning == Conditioning.AuxiliaryClassifier) loss = loss + Losses.CrossEntropy(classes!, fakeLabels!);
                if (Recipe.ModeSeeking > 0 && n >= 2) loss = loss + GanLosses.ModeSeeking(fake, latents) * Recipe.ModeSeeking;
                Step(_generator, loss);
                lossG = loss.Item();
            }
            UpdateAverage(_generator.Optimizer.StepCount);
        }
        else
        {
            using var noGrad = Autograd.NoGrad();
            lossG = GanLosses.Generator(Recipe.Loss, fakeLogits).Item(); // G's loss against the D it will next be trained on
        }

        var figures = new Dictionary<string, float>
        {
            ["loss_d"] = lossD.Item(),
            ["loss_g"] = lossG,
            ["d_real"] = MeanProbability(realLogits),
            ["d_fake"] = MeanProbability(fakeLogits),
        };
        if (penalty is not null) figures["penalty"] = penalty.Item();
        if (_adaptive is not null)
        {
            figures["augment_p"] = _adaptive.Probability;
            figures["d_real_sign"] = float.IsNaN(_adaptive.LastSignal) ? 0f : _adaptive.LastSignal;
        }
        return figures;
    }

    protected override Tensor Decode(Tensor latents, int[]? labels)
    {
        if (Recipe.Ema) return (Run(_average, latents, labels) + 1f) * 0.5f;
        var training = _generator.Network.Training;
        _generator.Network.Eval();
        try
        {
            return (Run(_generator.Network, latents, labels) + 1f) * 0.5f;
        }
        finally
        {
            _generator.Network.Train(training);
        }
    }

    private Tensor Augment(Tensor images, Generator random) => DiffAugment.Apply(images, Recipe.Augment, AugmentProbability, random);

    private static Tensor Run(Module generator, Tensor latents, int[]? labels) =>
        generator is IConditionalNetwork conditional ? conditional.Forward(latents, labels) : generator.Forward(latents);

    private (Tensor Logits, Tensor? ClassLogits) Judge(Tensor images, int[]? labels) =>
        _discriminator.Network is ConvDiscriminator conv ? conv.Judge(images, labels) : (_discriminator.Network.Forward(images), null);

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
                live.Data.CopyTo(average.Data); // running statistics (and spectral-norm vectors) follow the live network
            }
        }
    }

    private static float MeanProbability(Tensor logits)
    {
        using var noGrad = Autograd.NoGrad();
        return logits.Sigmoid().Mean().Item();
    }
}
