using Atelier.NN;
using Atelier.NN.Optim;

namespace Atelier.Models.Vae;

/// <summary>
/// A VAE with a Bernoulli decoder: z = mu + eps * exp(logvar / 2), and the loss per batch
/// (sum over pixels of BCE-with-logits + KL(q(z|x) || N(0, I))) / N, i.e. the negative ELBO in nats per image.
/// </summary>
public sealed class VaeModel : GenerativeModel
{
    private readonly NetworkPart _vae;

    public VaeModel(ModelSpec spec, VaeNetwork network, Func<IEnumerable<Tensor>, Optimizer> optimizer) : base(spec) =>
        _vae = new NetworkPart("vae.", network, optimizer(network.Parameters()));

    public VaeNetwork Network => (VaeNetwork)_vae.Network;

    public override IReadOnlyList<NetworkPart> Parts => [_vae];

    public override IReadOnlyList<string> LossNames { get; } = ["loss", "reconstruction", "kl"];

    protected override IReadOnlyDictionary<string, float> TrainOnBatch(Tensor images, Generator random)
    {
        var (loss, reconstruction, kl) = NegativeElbo(images, random);
        Step(_vae, loss);
        return new Dictionary<string, float> { ["loss"] = loss.Item(), ["reconstruction"] = reconstruction, ["kl"] = kl };
    }

    /// <summary>The negative ELBO per image (a scalar tensor), with its reconstruction and KL parts as numbers.</summary>
    public (Tensor Loss, float Reconstruction, float Kl) NegativeElbo(Tensor images, Generator random)
    {
        var n = images.Dim(0);
        var (mu, logVar) = Network.Encode(images);                               // (N, Z) each
        var z = mu + Tensor.Normal(mu.Shape.ToArray(), random) * (logVar * 0.5f).Exp();
        var logits = Network.Decode(z);                                          // (N, C, H, W)
        var reconstruction = Losses.BinaryCrossEntropyWithLogits(logits, images, Reduction.Sum);
        var kl = Losses.GaussianKlDivergence(mu, logVar);
        var scale = 1f / n;
        return ((reconstruction + kl) * scale, reconstruction.Item() * scale, kl.Item() * scale);
    }

    /// <summary>Reconstructions in [0, 1] through the posterior mean.</summary>
    public Tensor Reconstruct(Tensor images)
    {
        using var noGrad = Autograd.NoGrad();
        return Network.Forward(images).Sigmoid();
    }

    protected override Tensor Decode(Tensor latents) => Network.Decode(latents).Sigmoid();
}
