using Atelier.Data;
using Atelier.Evaluation;
using Atelier.Models;
using Atelier.Models.Vae;

namespace Atelier.Tests.Evaluation;

public sealed class VaeLikelihoodTests
{
    private const float PosteriorMean = 0.2f;

    /// <summary>
    /// An mlp-vae whose decoder ignores z (fc3's weights are zero) and whose encoder gives q(z|x) = N(0.2, 1) in every
    /// dimension. Then -log p(x) is exactly the reconstruction NLL R(x) of the one decoded image, the negative ELBO is
    /// R + KL with KL = 20 x 0.2² / 2 = 0.4 nats, and the importance weights p(z)/q(z|x) have mean 1, so the
    /// importance-weighted estimate must approach R from above the ELBO as k grows.
    /// </summary>
    private static VaeModel DecoderIgnoringZ(VaeDecoder decoder = VaeDecoder.Bernoulli)
    {
        var options = ModelOptions.Default with { Decoder = decoder == VaeDecoder.Logistic ? "logistic" : null };
        var model = (VaeModel)ModelCatalog.Create("mlp-vae", options, new Generator(5));
        var state = model.Network.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        state["fc3.weight"].Data.Clear();
        state["mu.weight"].Data.Clear();
        state["mu.bias"].Data.Fill(PosteriorMean);
        state["logvar.weight"].Data.Clear();
        state["logvar.bias"].Data.Clear();
        return model;
    }

    private static Tensor Digits(int count) => Mnist.HeldOut.Images.Slice(0, 0, count).Copy(); // (count, 1, 28, 28)

    private static double ExactNll(VaeModel model, Tensor images)
    {
        using var noGrad = Autograd.NoGrad();
        var decoded = model.Network.Decode(Tensor.Zeros(1, MlpVaeNetwork.LatentDim)); // the same for every z
        double total = 0;
        for (var i = 0; i < images.Dim(0); i++) total += model.ReconstructionNll(decoded, images.Slice(0, i, 1)).Item();
        return total / images.Dim(0);
    }

    [Fact]
    public void Elbo_is_the_exact_nll_plus_the_closed_form_kl_and_iwae_recovers_the_nll()
    {
        var model = DecoderIgnoringZ();
        var images = Digits(50);
        var exact = ExactNll(model, images);
        var kl = MlpVaeNetwork.LatentDim * PosteriorMean * PosteriorMean / 2;

        var figures = VaeLikelihood.Measure(model, images, null, k: 100, seed: 3);

        Assert.Equal(kl, figures.Kl, 1e-4);
        Assert.Equal(exact, figures.Reconstruction, 1e-2);
        Assert.Equal(exact + kl, figures.NegativeElbo, 1e-2);
        // Per image, the k = 100 estimate's spread is about sqrt((e^(20 x 0.04) - 1) / 100) ≈ 0.11 nats; over 50 images ≈ 0.016.
        Assert.InRange(figures.ImportanceWeightedNll - exact, -0.08, 0.08);
        Assert.True(figures.ImportanceWeightedNll < figures.NegativeElbo - 0.25, $"IWAE {figures.ImportanceWeightedNll} should sit well below the ELBO {figures.NegativeElbo}");
        Assert.Equal(figures.ImportanceWeightedNll / (784 * Math.Log(2)), figures.BitsPerDimension, 1e-9);
    }

    [Fact]
    public void With_one_sample_the_importance_weighted_estimate_is_the_elbo_on_average()
    {
        var model = DecoderIgnoringZ();
        var images = Digits(400);
        var exact = ExactNll(model, images);
        var oneSample = Atelier.Training.VaeEvaluation.ImportanceWeightedNll(model, images, new Generator(9), k: 1);
        // log p(z) - log q(z|x) = -0.2 z + 0.02 per dimension has standard deviation 0.2; over 20 dimensions and 400 images the mean's is 0.045.
        Assert.InRange(oneSample - (exact + 0.4), -0.2, 0.2);
    }

    [Fact]
    public void Bits_per_dimension_count_nats_in_bits_and_densities_as_eight_bit_levels()
    {
        var oneBitEach = 784 * Math.Log(2);
        Assert.Equal(1.0, VaeLikelihood.ToBitsPerDimension(oneBitEach, 784, VaeDecoder.Bernoulli), 12);
        Assert.Equal(1.0, VaeLikelihood.ToBitsPerDimension(oneBitEach, 784, VaeDecoder.Logistic), 12);
        // A density on [0, 1] gives each 8-bit level a bin 1/256 wide: log2 256 = 8 more bits per sub-pixel.
        Assert.Equal(9.0, VaeLikelihood.ToBitsPerDimension(oneBitEach, 784, VaeDecoder.GaussianLearned), 12);
    }

    [Fact]
    public void Binarised_pixels_are_zero_or_one_with_the_grey_level_as_probability()
    {
        var grey = Tensor.Full(0.3f, 1, 1, 100, 100);
        var binary = VaeLikelihood.Binarise(grey, new Generator(1)).Data.ToArray();
        Assert.All(binary, v => Assert.True(v is 0f or 1f));
        Assert.InRange(binary.Average(), 0.3 - 0.015, 0.3 + 0.015); // 3 standard deviations of a mean of 10,000 draws
        Assert.Equal(binary, VaeLikelihood.Binarise(grey, new Generator(1)).Data.ToArray());
    }

    [Fact]
    public void The_protocol_is_stated_and_binarising_needs_a_bernoulli_decoder()
    {
        var images = Digits(4);
        var binarised = VaeLikelihood.Measure(DecoderIgnoringZ(), images, null, PixelProtocol.Binarised, k: 2);
        Assert.Contains("binarised", binarised.ProtocolText);
        Assert.Contains("Bernoulli", VaeLikelihood.Measure(DecoderIgnoringZ(), images, null, k: 2).ProtocolText);
        var error = Assert.Throws<ArgumentException>(() => VaeLikelihood.Measure(DecoderIgnoringZ(VaeDecoder.Logistic), images, null, PixelProtocol.Binarised, k: 2));
        Assert.Equal("binarised pixels need a Bernoulli decoder; this VAE's decoder is logistic: evaluate it on continuous pixels", error.Message);
    }

    [Fact]
    public void Active_units_by_hand_and_none_for_an_encoder_that_ignores_its_input()
    {
        // Posterior means of 3 images in 2 units: unit 0 takes 0, 0.3, 0.6 (mean 0.3, variance (0.09 + 0 + 0.09) / 2 = 0.09,
        // active); unit 1 takes 1, 1.1, 1 (mean 1.0333, variance (0.0011 + 0.0044 + 0.0011) / 2 = 0.00333, inactive).
        var units = ActiveUnits.FromPosteriorMeans([0f, 1f, 0.3f, 1.1f, 0.6f, 1f], 3, 2);
        Assert.Equal(1, units.Count);
        Assert.Equal(0.09, units.Variances[0], 1e-6);
        Assert.Equal(0.01 / 3, units.Variances[1], 1e-6);

        var collapsed = ActiveUnits.Measure(DecoderIgnoringZ(), Digits(100)); // mu's weights are zero: every image has mean 0.2
        Assert.Equal((0, 20), (collapsed.Count, collapsed.LatentDim));
    }
}
