using Atelier.NN.Layers;

namespace Atelier.Models.Vae;

/// <summary>
/// The convolutional VAE of MODELS.md: c1 Conv2d(1, 32, 4, 2, 1) ReLU; c2 Conv2d(32, 64, 4, 2, 1) ReLU;
/// mu, logvar Linear(3136, 16); fc Linear(16, 3136) ReLU viewed (N, 64, 7, 7);
/// d1 ConvTranspose2d(64, 32, 4, 2, 1) ReLU; d2 ConvTranspose2d(32, 1, 4, 2, 1) logits.
/// </summary>
public sealed class ConvVaeNetwork : VaeNetwork
{
    public const int LatentDim = 16;

    private readonly Conv2d _c1, _c2;
    private readonly Linear _mu, _logVar, _fc;
    private readonly ConvTranspose2d _d1, _d2;

    public ConvVaeNetwork(Generator random)
    {
        _c1 = RegisterModule("c1", new Conv2d(1, 32, 4, random, stride: 2, padding: 1));
        _c2 = RegisterModule("c2", new Conv2d(32, 64, 4, random, stride: 2, padding: 1));
        _mu = RegisterModule("mu", new Linear(3136, LatentDim, random));
        _logVar = RegisterModule("logvar", new Linear(3136, LatentDim, random));
        _fc = RegisterModule("fc", new Linear(LatentDim, 3136, random));
        _d1 = RegisterModule("d1", new ConvTranspose2d(64, 32, 4, random, stride: 2, padding: 1));
        _d2 = RegisterModule("d2", new ConvTranspose2d(32, 1, 4, random, stride: 2, padding: 1));
    }

    public override (Tensor Mu, Tensor LogVar) Encode(Tensor images)
    {
        var h = _c1.Forward(images).Relu();      // (N, 32, 14, 14)
        h = _c2.Forward(h).Relu().Flatten();     // (N, 3136)
        return (_mu.Forward(h), _logVar.Forward(h));
    }

    public override Tensor Decode(Tensor latents)
    {
        var h = _fc.Forward(latents).Relu().Reshape(-1, 64, 7, 7); // (N, 64, 7, 7)
        h = _d1.Forward(h).Relu();                                  // (N, 32, 14, 14)
        return _d2.Forward(h);                                      // (N, 1, 28, 28)
    }
}
