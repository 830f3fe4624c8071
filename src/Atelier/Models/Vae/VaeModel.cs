using Atelier.NN;
using Atelier.NN.Optim;

namespace Atelier.Models.Vae;

/// <summary>
/// A VAE: z = mu + eps * exp(logvar / 2), the decoder's distribution over pixels in [0, 1] (<see cref="VaeDecoder"/>),
/// and the objective of its <see cref="VaeRecipe"/>. Losses are per image: the reconstruction term is the negative
/// log-likelihood summed over the image's sub-pixels and the KL term is summed over the latent dimensions, each
/// averaged over the batch, so reconstruction + KL is the negative ELBO in nats per image.
/// </summary>
public sealed class VaeModel : GenerativeModel
{
    private readonly NetworkPart _vae;

    public VaeModel(ModelSpec spec, VaeRecipe recipe, VaeNetwork network, Func<IEnumerable<Tensor>, Optimizer> optimizer) : base(spec)
    {
        Recipe = recipe;
        _vae = new NetworkPart("vae.", network, optimizer(network.Parameters()));
    }

    public VaeRecipe Recipe { get; }

    public override int Classes => Recipe.Classes;

    public VaeNetwork Network => (VaeNetwork)_vae.Network;

    public override IReadOnlyList<NetworkPart> Parts => [_vae];

    public override IReadOnlyList<string> LossNames { get; } = ["loss", "reconstruction", "kl"];

    protected override IReadOnlyDictionary<string, float> TrainOnBatch(Tensor images, int[]? labels, Generator random)
    {
        var (reconstruction, kl) = NegativeElboTerms(images, labels, random);
        var step = _vae.Optimizer.StepCount;
        var scale = 1f / images.Dim(0);
        var loss = Recipe.Capacity is null
            ? (reconstruction + kl * Recipe.BetaAt(step)) * scale
            : reconstruction * scale + (kl * scale - Recipe.CapacityAt(step)).Abs() * Recipe.CapacityGamma;
        Step(_vae, loss);
        return new Dictionary<string, float> { ["loss"] = loss.Item(), ["reconstruction"] = reconstruction.Item() * scale, ["kl"] = kl.Item() * scale };
    }

    /// <summary>The negative ELBO per image (a scalar tensor), with its reconstruction and KL parts as numbers.</summary>
    public (Tensor Loss, float Reconstruction, float Kl) NegativeElbo(Tensor images, Generator random, int[]? labels = null)
    {
        var (reconstruction, kl) = NegativeElboTerms(images, labels, random);
        var scale = 1f / images.Dim(0);
        return ((reconstruction + kl) * scale, reconstruction.Item() * scale, kl.Item() * scale);
    }

    /// <summary>The reconstruction NLL and the KL divergence, each summed over the batch (scalar tensors).</summary>
    private (Tensor Reconstruction, Tensor Kl) NegativeElboTerms(Tensor images, int[]? labels, Generator random)
    {
        labels = Classes > 0 ? ConditionalLabels.Require(labels, images.Dim(0), Classes) : null;
        var (mu, logVar) = Network.Encode(images, labels);                          // (N, Z) each
        var z = mu + Tensor.Normal(mu.Shape.ToArray(), random) * (logVar * 0.5f).Exp();
        return (ReconstructionNll(Network.Decode(z, labels), images), Losses.GaussianKlDivergence(mu, logVar));
    }

    /// <summary>-log p(x | decoder outputs), summed over every sub-pixel of the batch.</summary>
    public Tensor ReconstructionNll(Tensor outputs, Tensor images)
    {
        var c = images.Dim(1);
        return Recipe.Decoder switch
        {
            VaeDecoder.Bernoulli => Likelihoods.Bernoulli(outputs, images),
            VaeDecoder.Gaussian => Likelihoods.Gaussian(outputs.Sigmoid(), Recipe.DecoderScale, images),
            VaeDecoder.GaussianLearned => Likelihoods.Gaussian(Mean(outputs, c), LogScale(outputs, c), images),
            _ => Likelihoods.DiscretizedLogistic(Mean(outputs, c), LogScale(outputs, c), images),
        };
    }

    /// <summary>Reconstructions in [0, 1] through the posterior mean: the decoder distribution's mean.</summary>
    public Tensor Reconstruct(Tensor images, int[]? labels = null)
    {
        using var noGrad = Autograd.NoGrad();
        labels = Classes > 0 ? ConditionalLabels.Require(labels, images.Dim(0), Classes) : null;
        var outputs = Network.Decode(Network.Encode(images, labels).Mu, labels);
        return Mean(outputs, images.Dim(1)).Copy();
    }

    /// <summary>The posterior means (N, LatentDim) of images (N, C, H, W) in [0, 1]: each image's latent.</summary>
    public Tensor EncodeMean(Tensor images, int[]? labels = null)
    {
        using var noGrad = Autograd.NoGrad();
        labels = Classes > 0 ? ConditionalLabels.Require(labels, images.Dim(0), Classes) : null;
        return Network.Encode(images, labels).Mu.Copy();
    }

    protected override Tensor Decode(Tensor latents, int[]? labels) => Mean(Network.Decode(latents, labels), Spec.Channels);

    // The first C output maps give the mean (through a sigmoid, so it stays in [0, 1]); the next C, when present, the log scale.
    private static Tensor Mean(Tensor outputs, int channels) => outputs.Slice(1, 0, channels).Sigmoid();

    private static Tensor LogScale(Tensor outputs, int channels) => outputs.Slice(1, channels, channels).Clamp(-7f, 2f);
}
