using Atelier.NN;
using Atelier.NN.Optim;

namespace Atelier.Models.Gan;

/// <summary>
/// A GAN trained with the non-saturating binary cross-entropy losses of the founding document:
/// L_D = BCE(D(x), 1) + BCE(D(G(z)), 0) with G(z) detached, then L_G = BCE(D(G(z)), 1) on the same
/// fake batch. Images are scaled to [-1, 1] for both networks (the generator ends in tanh).
/// </summary>
public sealed class GanModel : GenerativeModel
{
    private readonly NetworkPart _generator;
    private readonly NetworkPart _discriminator;

    public GanModel(ModelSpec spec, Module generator, Module discriminator, Func<IEnumerable<Tensor>, Optimizer> optimizer) : base(spec)
    {
        _generator = new NetworkPart("generator.", generator, optimizer(generator.Parameters()));
        _discriminator = new NetworkPart("discriminator.", discriminator, optimizer(discriminator.Parameters()));
    }

    public Module GeneratorNetwork => _generator.Network;

    public Module Discriminator => _discriminator.Network;

    public override IReadOnlyList<NetworkPart> Parts => [_generator, _discriminator];

    public override IReadOnlyList<string> LossNames { get; } = ["loss_d", "loss_g", "d_real", "d_fake"];

    public override IReadOnlyDictionary<string, float> TrainStep(Tensor images, Generator random)
    {
        CheckImages(images, Spec);
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
        using (Freeze(_discriminator.Network))
        {
            lossG = Losses.BinaryCrossEntropyWithLogits(_discriminator.Network.Forward(fake), ones);
            Step(_generator, lossG);
        }

        return new Dictionary<string, float>
        {
            ["loss_d"] = lossD.Item(),
            ["loss_g"] = lossG.Item(),
            ["d_real"] = MeanProbability(realLogits),
            ["d_fake"] = MeanProbability(fakeLogits),
        };
    }

    public override Tensor Generate(Tensor latents)
    {
        _generator.Network.Eval();
        try
        {
            using var noGrad = Autograd.NoGrad();
            return (_generator.Network.Forward(latents) + 1f) * 0.5f;
        }
        finally
        {
            _generator.Network.Train();
        }
    }

    private static float MeanProbability(Tensor logits)
    {
        using var noGrad = Autograd.NoGrad();
        return logits.Sigmoid().Mean().Item();
    }
}
