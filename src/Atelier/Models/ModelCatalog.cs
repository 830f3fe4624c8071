using Atelier.Models.Gan;
using Atelier.Models.Vae;
using Atelier.NN.Optim;

namespace Atelier.Models;

/// <summary>Every model Atelier can train, by name: the one place the command line and studio look models up.</summary>
public static class ModelCatalog
{
    private sealed record Entry(ModelSpec Spec, Func<Generator, float, GenerativeModel> Build);

    private static readonly Entry[] s_entries =
    [
        new(new ModelSpec("seed-gan", ModelFamily.Gan,
                "The founding document's MLP GAN, faithfully (Adam 1e-4, betas 0.9/0.999). It collapses to few digit classes; see seed-gan-stable.",
                SeedGanNetworks.LatentDim, 1, 28, DefaultBatch: 64, DefaultLearningRate: 1e-4f),
            (r, lr) => new GanModel(Spec("seed-gan"), g => SeedGanNetworks.Generator(g), SeedGanNetworks.Discriminator(r), r, p => new Adam(p, lr, 0.9f, 0.999f))),
        new(new ModelSpec("seed-gan-stable", ModelFamily.Gan,
                "The same MLP widths with a recipe that keeps the digit classes: batch norm and LeakyReLU 0.2 in G, dropout 0.3 in D, Adam 2e-4 with beta1 0.5.",
                SeedGanNetworks.LatentDim, 1, 28, DefaultBatch: 64, DefaultLearningRate: 2e-4f),
            (r, lr) => new GanModel(Spec("seed-gan-stable"), g => SeedGanNetworks.StableGenerator(g), SeedGanNetworks.StableDiscriminator(r), r, p => new Adam(p, lr, 0.5f, 0.999f))),
        new(new ModelSpec("dcgan", ModelFamily.Gan,
                "DCGAN for 28x28 grey images (MODELS.md): transposed convolutions with batch norm; Adam 2e-4, betas 0.5/0.999.",
                DcganGenerator.LatentDim, 1, 28, DefaultBatch: 64, DefaultLearningRate: 2e-4f),
            (r, lr) => new GanModel(Spec("dcgan"), g => new DcganGenerator(g), DcganDiscriminator.Create(r), r, p => new Adam(p, lr, 0.5f, 0.999f))),
        new(new ModelSpec("mlp-vae", ModelFamily.Vae,
                "The classic MLP VAE (784-400-20), Bernoulli decoder; Adam 1e-3.",
                MlpVaeNetwork.LatentDim, 1, 28, DefaultBatch: 128, DefaultLearningRate: 1e-3f),
            (r, lr) => new VaeModel(Spec("mlp-vae"), new MlpVaeNetwork(r), p => new Adam(p, lr))),
        new(new ModelSpec("conv-vae", ModelFamily.Vae,
                "A convolutional VAE with a 16-dimensional latent, Bernoulli decoder; Adam 1e-3.",
                ConvVaeNetwork.LatentDim, 1, 28, DefaultBatch: 128, DefaultLearningRate: 1e-3f),
            (r, lr) => new VaeModel(Spec("conv-vae"), new ConvVaeNetwork(r), p => new Adam(p, lr))),
    ];

    public static IReadOnlyList<ModelSpec> Models => s_entries.Select(e => e.Spec).ToArray();

    public static IEnumerable<string> Names => s_entries.Select(e => e.Spec.Name);

    public static ModelSpec Spec(string name) =>
        s_entries.FirstOrDefault(e => e.Spec.Name == name)?.Spec
        ?? throw new ArgumentException($"unknown model '{name}'; choose one of: {string.Join(", ", Names)}");

    /// <summary>Builds a model with freshly initialised weights drawn from <paramref name="random"/>.</summary>
    public static GenerativeModel Create(string name, Generator random, float? learningRate = null)
    {
        var spec = Spec(name);
        var rate = learningRate ?? spec.DefaultLearningRate;
        if (!(rate > 0f && float.IsFinite(rate))) throw new ArgumentException($"the learning rate must be a positive number, got {rate}");
        return s_entries.First(e => e.Spec == spec).Build(random, rate);
    }
}
