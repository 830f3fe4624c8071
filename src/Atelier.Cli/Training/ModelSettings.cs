using System.Globalization;
using Atelier.Models;

namespace Atelier.Cli.Training;

/// <summary>
/// The model options as settings: each has one config-file key (<c>image_size</c>), one flag (<c>--image-size</c>)
/// and one parser, so the command line and config files can never disagree.
/// </summary>
public static class ModelSettings
{
    public sealed record Setting(string Key, string Help, Func<ModelOptions, string, ModelOptions> Apply)
    {
        public string Flag => "--" + Key.Replace('_', '-');
    }

    public static IReadOnlyList<Setting> All { get; } =
    [
        new("channels", "Image channels: 1 (grey) or 3 (colour) (dcgan, conv-vae).", (o, v) => o with { Channels = Int("channels", v) }),
        new("image_size", "Image side: 28, 32, 64, .. (4 to 7 times a power of two; dcgan, conv-vae).", (o, v) => o with { ImageSize = Int("image_size", v) }),
        new("width", "Channels of the largest-resolution layer; the rest are multiples of it (dcgan 64, conv-vae 32).", (o, v) => o with { Width = Int("width", v) }),
        new("latent_dim", "Size of the latent vector z (dcgan 100, conv-vae 16).", (o, v) => o with { LatentDim = Int("latent_dim", v) }),
        new("conditional", "Class-conditional: none, projection, concat or acgan (the discriminator's use of the label; VAEs: any but none).", (o, v) => o with { Conditional = v }),
        new("loss", "GAN loss: non-saturating, lsgan, hinge or wgan-gp.", (o, v) => o with { Loss = v }),
        new("gradient_penalty", "WGAN-GP penalty weight lambda (default 10 with wgan-gp).", (o, v) => o with { GradientPenalty = Float("gradient_penalty", v) }),
        new("r1", "R1 penalty weight gamma on real images (default 0: off).", (o, v) => o with { R1 = Float("r1", v) }),
        new("mode_seeking", "Mode-seeking weight (MSGAN): pushes G to draw different images for different z of one class (default 0: off; 1 is typical).", (o, v) => o with { ModeSeeking = Float("mode_seeking", v) }),
        new("critic_steps", "Discriminator steps per generator step (default 5 with wgan-gp, else 1).", (o, v) => o with { CriticSteps = Int("critic_steps", v) }),
        new("spectral_norm", "Spectral normalisation in the discriminator: true or false.", (o, v) => o with { SpectralNorm = Bool("spectral_norm", v) }),
        new("upsampling", "dcgan generator's upsampling: transposed (default, MODELS.md) or nearest (nearest doubling + 3x3 convolution).", (o, v) => o with { Upsampling = v }),
        new("discriminator_head", "dcgan discriminator's head: flatten (default, MODELS.md) or pool (features averaged over positions, so a class counts wherever the object sits).", (o, v) => o with { DiscriminatorHead = v }),
        new("discriminator_batch_norm", "Batch norm in the discriminator (default true, false with wgan-gp or spectral norm).", (o, v) => o with { DiscriminatorBatchNorm = Bool("discriminator_batch_norm", v) }),
        new("augment", "DiffAugment policy for D's inputs: e.g. color,translation,cutout (also flip), or none.", (o, v) => o with { Augment = v }),
        new("augment_p", "Probability of each augmentation per image (default 1; the start value with --ada-target).", (o, v) => o with { AugmentProbability = Float("augment_p", v) }),
        new("ada_target", "Adapt the augmentation probability to keep E[sign D(real)] at this target (e.g. 0.6).", (o, v) => o with { AdaTarget = Float("ada_target", v) }),
        new("ema", "Sample from the moving average of G's weights: true (default) or false.", (o, v) => o with { Ema = Bool("ema", v) }),
        new("beta1", "Adam beta1 (default: the model's recipe).", (o, v) => o with { Beta1 = Float("beta1", v) }),
        new("beta2", "Adam beta2 (default: the model's recipe).", (o, v) => o with { Beta2 = Float("beta2", v) }),
        new("beta", "VAE: weight of the KL term (beta-VAE; default 1).", (o, v) => o with { Beta = Float("beta", v) }),
        new("kl_warmup", "VAE: steps over which the KL weight rises from 0 to beta.", (o, v) => o with { KlWarmup = Int("kl_warmup", v) }),
        new("capacity", "VAE: target KL in nats of the capacity-controlled objective (Burgess et al.).", (o, v) => o with { Capacity = Float("capacity", v) }),
        new("capacity_steps", "VAE: steps over which the capacity rises to its target (default 10000).", (o, v) => o with { CapacitySteps = Int("capacity_steps", v) }),
        new("capacity_gamma", "VAE: gamma of the capacity objective (default 1000).", (o, v) => o with { CapacityGamma = Float("capacity_gamma", v) }),
        new("decoder", "VAE decoder: bernoulli, gaussian, gaussian-learned or logistic.", (o, v) => o with { Decoder = v }),
        new("decoder_scale", "VAE: standard deviation of the fixed gaussian decoder (default 0.1).", (o, v) => o with { DecoderScale = Float("decoder_scale", v) }),
    ];

    public static Setting? Find(string key) => All.FirstOrDefault(s => s.Key == key || s.Key == key.Replace('-', '_'));

    private static int Int(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new UserException($"'{key}' must be a whole number, got '{value}'");

    private static float Float(string key, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v) ? v : throw new UserException($"'{key}' must be a number, got '{value}'");

    private static bool Bool(string key, string value) => value.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw new UserException($"'{key}' must be true or false, got '{value}'"),
    };
}
