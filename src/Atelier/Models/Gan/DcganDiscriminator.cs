using Atelier.NN;
using Atelier.NN.Layers;

namespace Atelier.Models.Gan;

/// <summary>
/// The DCGAN discriminator of MODELS.md as a Sequential: 0 Conv2d(1, 64, 4, 2, 1), LeakyReLU(0.2),
/// 2 Conv2d(64, 128, 4, 2, 1, no bias), 3 BatchNorm2d(128), LeakyReLU(0.2), Flatten, 6 Linear(6272, 1).
/// </summary>
public static class DcganDiscriminator
{
    public static Sequential Create(Generator random) => new(
        new Conv2d(1, 64, 4, random, stride: 2, padding: 1), new LeakyReLU(0.2f),               // (N, 64, 14, 14)
        new Conv2d(64, 128, 4, random, stride: 2, padding: 1, bias: false), new BatchNorm2d(128), // (N, 128, 7, 7)
        new LeakyReLU(0.2f), new Flatten(), new Linear(128 * 7 * 7, 1, random));                 // (N, 1)
}
