namespace Atelier.Models;

/// <summary>
/// The choices a user makes on top of a catalog entry: the network's shape (for the convolutional
/// families), conditioning, the GAN loss and regularisers, augmentation, and the VAE objective and
/// decoder. Null means the entry's default. Saved with the run's configuration, so a checkpoint
/// rebuilds the exact model it was trained as.
/// </summary>
public sealed record ModelOptions
{
    public static ModelOptions Default { get; } = new();

    /// <summary>1 (grey) or 3 (colour) image channels.</summary>
    public int? Channels { get; init; }

    /// <summary>Image side in pixels: 4 to 7 times a power of two (28, 32, 48, 56, 64, ...).</summary>
    public int? ImageSize { get; init; }

    /// <summary>Channels of the widest-resolution convolution; every other layer is a power-of-two multiple of it.</summary>
    public int? Width { get; init; }

    public int? LatentDim { get; init; }

    /// <summary>Number of classes the model is conditioned on; filled in from the data when <see cref="Conditional"/> is set.</summary>
    public int? Classes { get; init; }

    /// <summary>"none", or how a class label enters the discriminator: "projection", "concat" or "acgan" (VAEs: any value but "none" conditions both halves).</summary>
    public string? Conditional { get; init; }

    /// <summary>GAN loss: "non-saturating", "lsgan", "hinge" or "wgan-gp".</summary>
    public string? Loss { get; init; }

    /// <summary>WGAN-GP's gradient-penalty weight lambda (default 10).</summary>
    public float? GradientPenalty { get; init; }

    /// <summary>R1 penalty weight gamma (the penalty is gamma / 2 times the squared gradient norm at real images).</summary>
    public float? R1 { get; init; }

    /// <summary>Mode-seeking weight lambda (MSGAN): G also minimises lambda / (mean|G(z1) - G(z2)| / mean|z1 - z2| + 1e-5) over pairs sharing a label.</summary>
    public float? ModeSeeking { get; init; }

    /// <summary>Discriminator steps per generator step (default 5 for WGAN-GP, else 1).</summary>
    public int? CriticSteps { get; init; }

    public bool? SpectralNorm { get; init; }

    /// <summary>How dcgan's generator doubles the side: "transposed" (a transposed convolution, MODELS.md) or "nearest" (nearest-neighbour doubling, then a 3x3 convolution).</summary>
    public string? Upsampling { get; init; }

    /// <summary>How dcgan's discriminator reads its last map: "flatten" (every position its own weights, MODELS.md) or "pool" (averaged over positions).</summary>
    public string? DiscriminatorHead { get; init; }

    /// <summary>Batch normalisation in the discriminator (default: on, except with WGAN-GP or spectral norm).</summary>
    public bool? DiscriminatorBatchNorm { get; init; }

    /// <summary>DiffAugment policy applied to real and fake images before the discriminator: "color,translation,cutout", "none", ...</summary>
    public string? Augment { get; init; }

    /// <summary>Probability with which each augmentation is applied to each image (default 1; the starting value when adaptive).</summary>
    public float? AugmentProbability { get; init; }

    /// <summary>When set, the augmentation probability adapts (ADA) to keep E[sign(D(real))] at this target, e.g. 0.6.</summary>
    public float? AdaTarget { get; init; }

    /// <summary>Generate from the moving average of the generator's weights (default true).</summary>
    public bool? Ema { get; init; }

    public float? Beta1 { get; init; }

    public float? Beta2 { get; init; }

    /// <summary>VAE: weight of the KL term (beta-VAE; default 1).</summary>
    public float? Beta { get; init; }

    /// <summary>VAE: steps over which the KL weight rises linearly from 0 to beta.</summary>
    public int? KlWarmup { get; init; }

    /// <summary>VAE: the capacity-controlled objective's target KL in nats (Burgess et al.): reconstruction + gamma |KL - C_t|.</summary>
    public float? Capacity { get; init; }

    /// <summary>VAE: steps over which the capacity C_t rises linearly from 0 to <see cref="Capacity"/>.</summary>
    public int? CapacitySteps { get; init; }

    /// <summary>VAE: gamma of the capacity objective (default 1000).</summary>
    public float? CapacityGamma { get; init; }

    /// <summary>VAE decoder distribution: "bernoulli", "gaussian" (fixed scale), "gaussian-learned" or "logistic" (discretised logistic).</summary>
    public string? Decoder { get; init; }

    /// <summary>VAE: the fixed standard deviation of the "gaussian" decoder (default 0.1).</summary>
    public float? DecoderScale { get; init; }
}
