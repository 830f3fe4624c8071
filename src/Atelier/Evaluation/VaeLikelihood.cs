using Atelier.Models.Vae;
using Atelier.Training;

namespace Atelier.Evaluation;

/// <summary>
/// A VAE's held-out likelihood figures, in nats per image unless named otherwise: the negative ELBO split into
/// reconstruction and KL, the importance-weighted estimate of -log p(x) with <paramref name="K"/> samples, and that
/// estimate in bits per dimension. <see cref="Protocol"/> and <see cref="ProtocolText"/> say what the numbers are a
/// likelihood of; figures measured under different protocols are not comparable.
/// </summary>
public sealed record VaeLikelihood(PixelProtocol Protocol, string ProtocolText, int Images, double NegativeElbo, double Reconstruction, double Kl,
    double ImportanceWeightedNll, int K, double BitsPerDimension)
{
    private const int BinarisingSeed = 0xB1A5;

    /// <exception cref="ArgumentException">A binarised protocol for a decoder that is not Bernoulli, or k below 1.</exception>
    public static VaeLikelihood Measure(VaeModel model, Tensor images, int[]? labels, PixelProtocol protocol = PixelProtocol.Continuous, int k = 100, long seed = 0)
    {
        if (k < 1) throw new ArgumentException($"the importance-weighted estimate needs k ≥ 1 samples per image, got {k}");
        var decoder = model.Recipe.Decoder;
        if (protocol == PixelProtocol.Binarised && decoder != VaeDecoder.Bernoulli)
            throw new ArgumentException($"binarised pixels need a Bernoulli decoder; this VAE's decoder is {Name(decoder)}: evaluate it on continuous pixels");
        if (protocol == PixelProtocol.Binarised) images = Binarise(images, new Generator(BinarisingSeed));
        var elbo = VaeEvaluation.HeldOut(model, images, new Generator(seed), labels);
        var nll = VaeEvaluation.ImportanceWeightedNll(model, images, new Generator(seed + 1), k, labels);
        var dimensions = images.Size / images.Dim(0);
        return new VaeLikelihood(protocol, Describe(decoder, protocol), images.Dim(0), elbo.NegativeElbo, elbo.Reconstruction, elbo.Kl,
            nll, k, ToBitsPerDimension(nll, dimensions, decoder));
    }

    /// <summary>
    /// Nats per image as bits per sub-pixel. A density over [0, 1] (the Gaussian decoders) is first turned into a
    /// probability of 8-bit levels: each level is a bin 1/256 wide, so -log P ≈ -log p + log 256 per sub-pixel.
    /// </summary>
    public static double ToBitsPerDimension(double natsPerImage, int dimensions, VaeDecoder decoder)
    {
        var bits = natsPerImage / (dimensions * Math.Log(2));
        return decoder is VaeDecoder.Gaussian or VaeDecoder.GaussianLearned ? bits + 8 : bits;
    }

    /// <summary>Each value becomes 1 with probability equal to it, else 0: (N, C, H, W) in [0, 1] to {0, 1}.</summary>
    public static Tensor Binarise(Tensor images, Generator random)
    {
        var result = new Tensor(images.Dims); // (N, C, H, W)
        var source = images.Data;
        var target = result.Data;
        for (var i = 0; i < source.Length; i++) target[i] = random.NextFloat() < source[i] ? 1f : 0f;
        return result;
    }

    private static string Describe(VaeDecoder decoder, PixelProtocol protocol) => (decoder, protocol) switch
    {
        (VaeDecoder.Bernoulli, PixelProtocol.Binarised) => "binarised pixels (each drawn once as 0/1 with its grey level as probability, fixed seed), Bernoulli likelihood",
        (VaeDecoder.Bernoulli, _) => "continuous grey levels in [0, 1] scored by a Bernoulli likelihood (a cross-entropy, not a normalised density of grey images; compare only with the same protocol)",
        (VaeDecoder.Logistic, _) => "8-bit pixels, discretised logistic likelihood (a probability of the 256 levels)",
        _ => "continuous pixels in [0, 1], Gaussian density; bits per dimension add log 256 to count 8-bit levels (no dequantisation noise)",
    };

    private static string Name(VaeDecoder decoder) => decoder switch
    {
        VaeDecoder.GaussianLearned => "gaussian-learned",
        _ => decoder.ToString().ToLowerInvariant(),
    };
}
