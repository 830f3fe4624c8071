using Atelier.NN;

namespace Atelier.Models.Vae;

/// <summary>An encoder to a diagonal Gaussian and a decoder to Bernoulli logits, in one module (checkpoint prefix <c>vae.</c>).</summary>
public abstract class VaeNetwork : Module
{
    /// <summary>(mu, logvar), each (N, LatentDim), for images (N, C, H, W) in [0, 1].</summary>
    public abstract (Tensor Mu, Tensor LogVar) Encode(Tensor images);

    /// <summary>Pixel logits (N, C, H, W) for latents (N, LatentDim).</summary>
    public abstract Tensor Decode(Tensor latents);

    /// <summary>Reconstruction logits through the posterior mean (no sampling).</summary>
    public override Tensor Forward(Tensor input) => Decode(Encode(input).Mu);
}
