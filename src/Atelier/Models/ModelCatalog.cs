using Atelier.Models.Gan;
using Atelier.Models.Vae;
using Atelier.NN;
using Atelier.NN.Optim;

namespace Atelier.Models;

/// <summary>
/// Every model Atelier can train, by name: the one place the command line and studio look models up.
/// dcgan and conv-vae are convolutional families: <see cref="ModelOptions"/> set their channels, image size,
/// width and latent size (their defaults are MODELS.md's networks); every GAN takes the GAN options (loss,
/// penalties, augmentation, weight average) and every VAE the VAE options (objective, decoder).
/// </summary>
public static class ModelCatalog
{
    private delegate GenerativeModel Builder(ModelSpec spec, ModelOptions options, Generator random, Func<IEnumerable<Tensor>, Optimizer> optimizer);

    /// <param name="Width">The family's default width, or null for a fixed architecture.</param>
    private sealed record Entry(ModelSpec Spec, int? Width, float Beta1, float Beta2, Builder Build);

    private static readonly Entry[] s_entries =
    [
        new(new ModelSpec("seed-gan", ModelFamily.Gan,
                "The founding document's MLP GAN, faithfully (Adam 1e-4, betas 0.9/0.999). It collapses to few digit classes; see seed-gan-stable.",
                SeedGanNetworks.LatentDim, 1, 28, DefaultBatch: 64, DefaultLearningRate: 1e-4f), null, 0.9f, 0.999f,
            (spec, options, r, optimizer) => new GanModel(spec, GanRecipe.From(options), g => SeedGanNetworks.Generator(g), SeedGanNetworks.Discriminator(r), r, optimizer)),
        new(new ModelSpec("seed-gan-stable", ModelFamily.Gan,
                "The same MLP widths with a recipe that keeps the digit classes: batch norm and LeakyReLU 0.2 in G, dropout 0.3 in D, Adam 2e-4 with beta1 0.5.",
                SeedGanNetworks.LatentDim, 1, 28, DefaultBatch: 64, DefaultLearningRate: 2e-4f), null, 0.5f, 0.999f,
            (spec, options, r, optimizer) => new GanModel(spec, GanRecipe.From(options), g => SeedGanNetworks.StableGenerator(g), SeedGanNetworks.StableDiscriminator(r), r, optimizer)),
        new(new ModelSpec("dcgan", ModelFamily.Gan,
                "DCGAN family: transposed convolutions with batch norm, 1 or 3 channels at 28, 32, 64.. px (default: MODELS.md's 28x28 grey dcgan); Adam 2e-4, betas 0.5/0.999.",
                100, 1, 28, DefaultBatch: 64, DefaultLearningRate: 2e-4f), 64, 0.5f, 0.999f, BuildDcgan),
        new(new ModelSpec("mlp-vae", ModelFamily.Vae,
                "The classic MLP VAE (784-400-20) for 28x28 grey images, Bernoulli decoder by default; Adam 1e-3.",
                MlpVaeNetwork.LatentDim, 1, 28, DefaultBatch: 128, DefaultLearningRate: 1e-3f), null, 0.9f, 0.999f,
            (spec, options, r, optimizer) =>
            {
                var recipe = VaeRecipe.From(options);
                if (recipe.Classes > 0) throw new ArgumentException("mlp-vae is unconditional; use conv-vae for a conditional VAE");
                return new VaeModel(spec, recipe, new MlpVaeNetwork(r, recipe.OutputsPerChannel), optimizer);
            }),
        new(new ModelSpec("conv-vae", ModelFamily.Vae,
                "Convolutional VAE family, 1 or 3 channels at 28, 32, 64.. px (default: MODELS.md's 28x28 grey conv-vae, z 16, Bernoulli decoder); Adam 1e-3.",
                16, 1, 28, DefaultBatch: 128, DefaultLearningRate: 1e-3f), 32, 0.9f, 0.999f,
            (spec, options, r, optimizer) =>
            {
                var recipe = VaeRecipe.From(options);
                var ladder = new ConvLadder(spec.Channels, spec.ImageSize, options.Width ?? 32);
                return new VaeModel(spec, recipe, new ConvVaeNetwork(ladder, spec.LatentDim, recipe.Classes, recipe.OutputsPerChannel, r), optimizer);
            }),
    ];

    public static IReadOnlyList<ModelSpec> Models => s_entries.Select(e => e.Spec).ToArray();

    public static IEnumerable<string> Names => s_entries.Select(e => e.Spec.Name);

    /// <summary>The catalog entry's default spec.</summary>
    public static ModelSpec Spec(string name) => Find(name).Spec;

    /// <summary>The spec of the model that <paramref name="options"/> make of entry <paramref name="name"/>: its channels, image size and latent size.</summary>
    public static ModelSpec Spec(string name, ModelOptions options)
    {
        var entry = Find(name);
        CheckOptions(entry, options);
        if (entry.Width is null) return entry.Spec;
        var spec = entry.Spec with
        {
            Channels = options.Channels ?? entry.Spec.Channels,
            ImageSize = options.ImageSize ?? entry.Spec.ImageSize,
            LatentDim = options.LatentDim ?? entry.Spec.LatentDim,
        };
        ConvLadder.Check(spec.Channels, spec.ImageSize, options.Width ?? entry.Width.Value);
        if (spec.LatentDim is < 1 or > 4096) throw new ArgumentException($"the latent size must be between 1 and 4096, got {spec.LatentDim}");
        return spec;
    }

    /// <summary>Builds a model with freshly initialised weights drawn from <paramref name="random"/>.</summary>
    public static GenerativeModel Create(string name, Generator random, float? learningRate = null) => Create(name, ModelOptions.Default, random, learningRate);

    /// <summary>Builds entry <paramref name="name"/> as <paramref name="options"/> describe, with weights drawn from <paramref name="random"/>.</summary>
    public static GenerativeModel Create(string name, ModelOptions options, Generator random, float? learningRate = null)
    {
        var entry = Find(name);
        var spec = Spec(name, options);
        var rate = learningRate ?? spec.DefaultLearningRate;
        if (!(rate > 0f && float.IsFinite(rate))) throw new ArgumentException($"the learning rate must be a positive number, got {rate}");
        var (beta1, beta2) = (options.Beta1 ?? entry.Beta1, options.Beta2 ?? entry.Beta2);
        if (!(beta1 is >= 0f and < 1f) || !(beta2 is >= 0f and < 1f)) throw new ArgumentException($"Adam's betas must be in [0, 1), got {beta1} and {beta2}");
        return entry.Build(spec, options, random, p => new Adam(p, rate, beta1, beta2));
    }

    private static GenerativeModel BuildDcgan(ModelSpec spec, ModelOptions options, Generator random, Func<IEnumerable<Tensor>, Optimizer> optimizer)
    {
        var recipe = GanRecipe.From(options);
        var ladder = new ConvLadder(spec.Channels, spec.ImageSize, options.Width ?? 64);
        var spectralNorm = options.SpectralNorm ?? false;
        // A per-sample gradient penalty is meaningless through batch statistics, and spectral norm replaces them.
        var batchNorm = options.DiscriminatorBatchNorm ?? !(recipe.Loss == GanLoss.Wasserstein || recipe.GradientPenalty > 0 || spectralNorm);
        var pooled = options.DiscriminatorHead switch
        {
            null or "flatten" => false,
            "pool" => true,
            var other => throw new ArgumentException($"unknown discriminator head '{other}'; choose flatten or pool"),
        };
        var discriminator = new ConvDiscriminator(ladder, batchNorm, spectralNorm, recipe.Conditioning, recipe.Classes, random, pooled);
        var nearest = options.Upsampling switch
        {
            null or "transposed" => false,
            "nearest" => true,
            var other => throw new ArgumentException($"unknown upsampling '{other}'; choose transposed or nearest"),
        };
        return new GanModel(spec, recipe, g => new ConvGenerator(ladder, spec.LatentDim, recipe.Classes, g, nearest), discriminator, random, optimizer);
    }

    private static Entry Find(string name) =>
        s_entries.FirstOrDefault(e => e.Spec.Name == name)
        ?? throw new ArgumentException($"unknown model '{name}'; choose one of: {string.Join(", ", Names)}");

    private static void CheckOptions(Entry entry, ModelOptions o)
    {
        var name = entry.Spec.Name;
        if (entry.Width is null && (o.Channels ?? o.ImageSize ?? o.Width ?? o.LatentDim) is not null)
            throw new ArgumentException($"{name} has a fixed architecture (1 x 28 x 28); channels, image size, width and latent size apply to dcgan and conv-vae");
        var ganOnly = o.Loss is not null || o.GradientPenalty is not null || o.R1 is not null || o.ModeSeeking is not null || o.CriticSteps is not null || o.SpectralNorm is not null
            || o.DiscriminatorBatchNorm is not null || o.Upsampling is not null || o.DiscriminatorHead is not null || o.Augment is not null || o.AugmentProbability is not null || o.AdaTarget is not null || o.Ema is not null;
        var vaeOnly = o.Beta is not null || o.KlWarmup is not null || o.Capacity is not null || o.CapacitySteps is not null || o.CapacityGamma is not null
            || o.Decoder is not null || o.DecoderScale is not null;
        if (entry.Spec.Family == ModelFamily.Vae && ganOnly)
            throw new ArgumentException($"{name} is a VAE: loss, penalties, spectral norm, augmentation and EMA apply to GANs");
        if (entry.Spec.Family == ModelFamily.Gan && vaeOnly)
            throw new ArgumentException($"{name} is a GAN: beta, KL warm-up, capacity and decoder apply to VAEs");
        if (entry.Width is null && entry.Spec.Family == ModelFamily.Gan && o.Conditional is not (null or "none" or "false"))
            throw new ArgumentException($"{name} is unconditional; use dcgan for a class-conditional GAN");
        if (entry.Width is null && o.Upsampling is not null)
            throw new ArgumentException($"upsampling applies to dcgan's generator, not {name}'s");
        if (entry.Width is null && o.DiscriminatorHead is not null)
            throw new ArgumentException($"the discriminator head applies to dcgan's discriminator, not {name}'s");
        if (entry.Width is null && (o.SpectralNorm ?? false))
            throw new ArgumentException($"spectral norm is available for dcgan's discriminator, not {name}'s");
    }
}
