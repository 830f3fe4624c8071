using Atelier.NN.Layers;

namespace Atelier.Models.Vae;

/// <summary>
/// The classic MLP VAE of MODELS.md: fc1 Linear(784, 400) ReLU; mu, logvar Linear(400, 20);
/// fc3 Linear(20, 400) ReLU; fc4 Linear(400, 784) Bernoulli logits
/// (784 x outputs per channel for decoders that also predict a scale).
/// </summary>
public sealed class MlpVaeNetwork : VaeNetwork
{
    public const int LatentDim = 20;

    private readonly Linear _fc1, _mu, _logVar, _fc3, _fc4;

    public MlpVaeNetwork(Generator random, int outputsPerChannel = 1)
    {
        _fc1 = RegisterModule("fc1", new Linear(784, 400, random));
        _mu = RegisterModule("mu", new Linear(400, LatentDim, random));
        _logVar = RegisterModule("logvar", new Linear(400, LatentDim, random));
        _fc3 = RegisterModule("fc3", new Linear(LatentDim, 400, random));
        _fc4 = RegisterModule("fc4", new Linear(400, 784 * outputsPerChannel, random));
    }

    public override (Tensor Mu, Tensor LogVar) Encode(Tensor images, int[]? labels = null)
    {
        var h = _fc1.Forward(images.Flatten()).Relu(); // (N, 400)
        return (_mu.Forward(h), _logVar.Forward(h));
    }

    public override Tensor Decode(Tensor latents, int[]? labels = null) =>
        _fc4.Forward(_fc3.Forward(latents).Relu()).Reshape(-1, _fc4.OutFeatures / 784, 28, 28); // (N, outputs, 28, 28)
}
