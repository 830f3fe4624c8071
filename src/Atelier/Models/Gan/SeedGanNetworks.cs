using Atelier.NN;
using Atelier.NN.Layers;

namespace Atelier.Models.Gan;

/// <summary>The MLP GAN of the founding document (MODELS.md, seed-gan), and a variant that does not collapse.</summary>
public static class SeedGanNetworks
{
    public const int LatentDim = 100;

    /// <summary>G: 100 -> 128 -> 256 -> 512 -> 1024 -> 784, LeakyReLU between, tanh, viewed as (N, 1, 28, 28).</summary>
    public static Sequential Generator(Generator random) => new(
        new Linear(LatentDim, 128, random), new LeakyReLU(0.01f),
        new Linear(128, 256, random), new LeakyReLU(0.01f),
        new Linear(256, 512, random), new LeakyReLU(0.01f),
        new Linear(512, 1024, random), new LeakyReLU(0.01f),
        new Linear(1024, 784, random), new Tanh(),
        new Reshape(1, 28, 28));

    /// <summary>D: flatten, 784 -> 1024 -> 512 -> 256 -> 128 -> 1 logit, LeakyReLU(0.01) between.</summary>
    public static Sequential Discriminator(Generator random) => new(
        new Flatten(),
        new Linear(784, 1024, random), new LeakyReLU(0.01f),
        new Linear(1024, 512, random), new LeakyReLU(0.01f),
        new Linear(512, 256, random), new LeakyReLU(0.01f),
        new Linear(256, 128, random), new LeakyReLU(0.01f),
        new Linear(128, 1, random));

    /// <summary>
    /// The stable variant's G: the same widths, LeakyReLU(0.2), and batch norm after the hidden layers
    /// past the first (the widely used Keras MNIST GAN recipe), which keeps G from collapsing onto one mode.
    /// </summary>
    public static Sequential StableGenerator(Generator random) => new(
        new Linear(LatentDim, 128, random), new LeakyReLU(0.2f),
        new Linear(128, 256, random), new BatchNorm1d(256, momentum: 0.2f), new LeakyReLU(0.2f),
        new Linear(256, 512, random), new BatchNorm1d(512, momentum: 0.2f), new LeakyReLU(0.2f),
        new Linear(512, 1024, random), new BatchNorm1d(1024, momentum: 0.2f), new LeakyReLU(0.2f),
        new Linear(1024, 784, random), new Tanh(),
        new Reshape(1, 28, 28));

    /// <summary>The stable variant's D: the same widths with LeakyReLU(0.2) and dropout 0.3 after each hidden layer.</summary>
    public static Sequential StableDiscriminator(Generator random) => new(
        new Flatten(),
        new Linear(784, 1024, random), new LeakyReLU(0.2f), new Dropout(0.3f, random),
        new Linear(1024, 512, random), new LeakyReLU(0.2f), new Dropout(0.3f, random),
        new Linear(512, 256, random), new LeakyReLU(0.2f), new Dropout(0.3f, random),
        new Linear(256, 128, random), new LeakyReLU(0.2f),
        new Linear(128, 1, random));
}
