namespace Atelier.Models.Vae;

/// <summary>The distribution a VAE's decoder puts on each sub-pixel.</summary>
public enum VaeDecoder
{
    /// <summary>Bernoulli with logits: for (nearly) binary grey images such as digits.</summary>
    Bernoulli,

    /// <summary>Gaussian with a fixed standard deviation around a mean in [0, 1].</summary>
    Gaussian,

    /// <summary>Gaussian whose log standard deviation the decoder predicts per sub-pixel.</summary>
    GaussianLearned,

    /// <summary>Discretised logistic over the 256 levels of 8-bit images, scale predicted per sub-pixel (PixelCNN++).</summary>
    Logistic,
}
