using Atelier.NN;

namespace Atelier.Models.Vae;

/// <summary>
/// An encoder to a diagonal Gaussian and a decoder to the parameters of the pixels' distribution, in one module
/// (checkpoint prefix <c>vae.</c>). A conditional network also takes the class labels on both sides.
/// </summary>
public abstract class VaeNetwork : Module
{
    /// <summary>(mu, logvar), each (N, LatentDim), for images (N, C, H, W) in [0, 1].</summary>
    public abstract (Tensor Mu, Tensor LogVar) Encode(Tensor images, int[]? labels = null);

    /// <summary>Decoder outputs (N, C x outputs per channel, H, W) for latents (N, LatentDim): logits, means, then log scales.</summary>
    public abstract Tensor Decode(Tensor latents, int[]? labels = null);

    /// <summary>Reconstruction outputs through the posterior mean (no sampling).</summary>
    public override Tensor Forward(Tensor input) => Decode(Encode(input).Mu);
}
