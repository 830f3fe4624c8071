namespace Atelier.Models;

/// <summary>How a class label enters a conditional GAN's discriminator (the generator always embeds it beside z).</summary>
public enum Conditioning
{
    None,

    /// <summary>Projection discriminator (Miyato and Koyama): D(x, y) = linear(h) + embed(y) . h.</summary>
    Projection,

    /// <summary>The label as one-hot planes concatenated to the image's channels.</summary>
    Concat,

    /// <summary>ACGAN: an auxiliary head classifies real and generated images; both networks also minimise its cross-entropy.</summary>
    AuxiliaryClassifier,
}
