using Atelier.NN;
using Atelier.NN.Layers;
using Atelier.Tests.Engine;

namespace Atelier.Tests.NN;

public sealed class GanLossesTests
{
    // r = [1.0, -0.5], f = [0.2, -1.5] throughout; the expected values are worked out in double in the comments.
    private static Tensor Real() => Tensor.FromArray([1.0f, -0.5f], 2, 1);

    private static Tensor Fake() => Tensor.FromArray([0.2f, -1.5f], 2, 1);

    private static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    public static TheoryData<GanLoss, double, double> HandWorked() => new()
    {
        // D: [softplus(-1) + softplus(0.5)]/2 + [softplus(0.2) + softplus(-1.5)]/2 = 0.393669 + 0.499776 = 0.893445
        // G: [softplus(-0.2) + softplus(1.5)]/2 = (0.598139 + 1.701413)/2 = 1.149776
        { GanLoss.NonSaturating, (Softplus(-1) + Softplus(0.5)) / 2 + (Softplus(0.2) + Softplus(-1.5)) / 2, (Softplus(-0.2) + Softplus(1.5)) / 2 },
        // D: 0.5 (0 + 2.25)/2 + 0.5 (0.04 + 2.25)/2 = 0.5625 + 0.5725 = 1.135;  G: 0.5 (0.64 + 6.25)/2 = 1.7225
        { GanLoss.LeastSquares, 1.135, 1.7225 },
        // D: (relu(0) + relu(1.5))/2 + (relu(1.2) + relu(-0.5))/2 = 0.75 + 0.6 = 1.35;  G: -(0.2 - 1.5)/2 = 0.65
        { GanLoss.Hinge, 1.35, 0.65 },
        // D: (0.2 - 1.5)/2 - (1 - 0.5)/2 = -0.65 - 0.25 = -0.9;  G: 0.65
        { GanLoss.Wasserstein, -0.9, 0.65 },
    };

    [Theory]
    [MemberData(nameof(HandWorked))]
    public void Losses_match_hand_worked_values(GanLoss loss, double discriminator, double generator)
    {
        Assert.Equal(discriminator, GanLosses.Discriminator(loss, Real(), Fake()).Item(), 5);
        Assert.Equal(generator, GanLosses.Generator(loss, Fake()).Item(), 5);
        // (N) logits give the same numbers as (N, 1).
        Assert.Equal(discriminator, GanLosses.Discriminator(loss, Real().Reshape(2), Fake().Reshape(2)).Item(), 5);
    }

    [Theory]
    [InlineData(GanLoss.NonSaturating)]
    [InlineData(GanLoss.LeastSquares)]
    [InlineData(GanLoss.Hinge)]
    [InlineData(GanLoss.Wasserstein)]
    public void Loss_gradients_match_finite_differences(GanLoss loss)
    {
        // Logits away from the hinge's kinks at +-1.
        GradCheck.FirstOrder(x => GanLosses.Discriminator(loss, x[0], x[1]), [Tensor.FromArray([1.4f, -0.5f, 0.3f], 3, 1), Tensor.FromArray([0.2f, -1.5f, 2f], 3, 1)]);
        GradCheck.FirstOrder(x => GanLosses.Generator(loss, x[0]), [Tensor.FromArray([0.2f, -1.5f, 2f], 3)]);
    }

    [Theory]
    [InlineData("non-saturating", GanLoss.NonSaturating)]
    [InlineData("bce", GanLoss.NonSaturating)]
    [InlineData("lsgan", GanLoss.LeastSquares)]
    [InlineData("hinge", GanLoss.Hinge)]
    [InlineData("wgan-gp", GanLoss.Wasserstein)]
    [InlineData("Wasserstein", GanLoss.Wasserstein)]
    public void Parse_reads_names_and_aliases(string name, GanLoss expected) => Assert.Equal(expected, GanLosses.Parse(name));

    [Fact]
    public void Name_is_the_canonical_name_and_parses_back()
    {
        Assert.Equal(["non-saturating", "lsgan", "hinge", "wgan-gp"], Enum.GetValues<GanLoss>().Select(GanLosses.Name));
        foreach (var loss in Enum.GetValues<GanLoss>()) Assert.Equal(loss, GanLosses.Parse(GanLosses.Name(loss)));
    }

    [Fact]
    public void Unknown_names_and_bad_logits_are_reported()
    {
        var error = Assert.Throws<ArgumentException>(() => GanLosses.Parse("wgan"));
        Assert.Contains("unknown GAN loss 'wgan': use one of non-saturating, bce, lsgan, hinge, wgan-gp, wasserstein", error.Message);
        error = Assert.Throws<ArgumentException>(() => GanLosses.Discriminator(GanLoss.Hinge, Tensor.Zeros(2, 3), Fake()));
        Assert.Contains("real logits must be a non-empty (N, 1) or (N) tensor, got [2, 3]", error.Message);
        error = Assert.Throws<ArgumentException>(() => GanLosses.Generator(GanLoss.Hinge, Tensor.Zeros(0)));
        Assert.Contains("fake logits must be a non-empty (N, 1) or (N) tensor, got [0]", error.Message);
    }

    /// <summary>critic(x) = sum(w * x) per sample: its input gradient is w for every sample.</summary>
    private static Tensor LinearCritic(Tensor x, Tensor w) => (x * w).Sum([1, 2, 3]); // (N)

    private static Tensor Images(int seed) => Tensor.Normal([3, 2, 2, 2], new Generator(seed)); // (N, C, H, W)

    [Fact]
    public void Gradient_penalty_of_a_linear_critic_is_the_closed_form()
    {
        var w = Tensor.Normal([2, 2, 2], new Generator(1)) * 0.5f;
        w = w.Detach();
        w.RequiresGrad = true;
        var penalty = GanLosses.GradientPenalty(x => LinearCritic(x, w), Images(2), Images(3), new Generator(4));
        penalty.Backward();
        // penalty = (||w|| - 1)^2, d penalty / d w = 2 (||w|| - 1) w / ||w||
        var norm = Math.Sqrt(w.ToArray().Sum(v => (double)v * v));
        Assert.Equal((norm - 1) * (norm - 1), penalty.Item(), 5);
        var grad = w.Grad!.ToArray();
        for (var i = 0; i < grad.Length; i++) Assert.Equal(2 * (norm - 1) * w.Data[i] / norm, grad[i], 5);
    }

    [Fact]
    public void Gradient_penalty_draws_one_alpha_per_sample_in_order_and_detaches_fake()
    {
        // critic(x) = 0.5 sum(x^2) per sample has input gradient x itself, so the penalty is mean (||x̂_i|| - 1)^2.
        var (real, fake) = (Images(2), Images(3));
        fake.RequiresGrad = true;
        var penalty = GanLosses.GradientPenalty(x => (x * x).Sum([1, 2, 3]) * 0.5f, real, fake, new Generator(9));
        var draws = new Generator(9);
        double expected = 0;
        for (var i = 0; i < 3; i++)
        {
            double alpha = draws.NextFloat(), squared = 0;
            for (var j = 0; j < 8; j++)
            {
                var mixed = alpha * real.Data[i * 8 + j] + (1 - alpha) * fake.Data[i * 8 + j];
                squared += mixed * mixed;
            }
            expected += (Math.Sqrt(squared) - 1) * (Math.Sqrt(squared) - 1) / 3;
        }
        Assert.Equal(expected, penalty.Item(), 5);
        penalty.Backward();
        Assert.Null(fake.Grad);
    }

    [Fact]
    public void R1_penalty_of_a_linear_critic_is_the_closed_form()
    {
        var w = (Tensor.Normal([2, 2, 2], new Generator(1)) * 0.5f).Detach();
        w.RequiresGrad = true;
        var penalty = GanLosses.R1Penalty(x => LinearCritic(x, w), Images(2));
        penalty.Backward();
        // penalty = ||w||^2 for every sample, d penalty / d w = 2 w
        var squared = w.ToArray().Sum(v => (double)v * v);
        Assert.Equal(squared, penalty.Item(), 5);
        var grad = w.Grad!.ToArray();
        for (var i = 0; i < grad.Length; i++) Assert.Equal(2.0 * w.Data[i], grad[i], 5);
    }

    public static TheoryData<string> Activations() => new() { "leaky-relu", "tanh" };

    /// <summary>Conv2d + activation + Linear with no batch norm: the penalties differentiate it twice.</summary>
    private static Sequential ConvCritic(string activation)
    {
        var g = new Generator(21);
        var conv = new Conv2d(2, 3, 3, g, padding: 1);
        if (activation == "tanh") return new Sequential(conv, new Tanh(), new Flatten(), new Linear(3 * 2 * 2, 1, g));
        // A penalty jumps where a LeakyReLU pre-activation crosses zero (the input gradient changes slope there), and
        // central differences straddling such a point are meaningless. Small weights under biases of +-0.8 keep every
        // pre-activation on one side, with channels 0 and 2 on the positive slope and channel 1 on the negative one.
        var weight = conv.Weight.Data;
        for (var i = 0; i < weight.Length; i++) weight[i] *= 0.1f;
        float[] bias = [0.8f, -0.8f, 0.8f];
        bias.CopyTo(conv.Bias!.Data);
        return new Sequential(conv, new LeakyReLU(0.2f), new Flatten(), new Linear(3 * 2 * 2, 1, g));
    }

    /// <summary>The premise of the LeakyReLU checks: for every image the penalty sees (x̂ lies between real and fake, and the
    /// convolution is affine), each pre-activation keeps its sign with a margin far beyond the finite-difference step.</summary>
    private static void AssertAwayFromKinks(Sequential critic, Tensor real, Tensor fake)
    {
        var (r, f) = (critic.Layers[0].Forward(real).ToArray(), critic.Layers[0].Forward(fake).ToArray());
        for (var i = 0; i < r.Length; i++)
            Assert.True(MathF.Sign(r[i]) == MathF.Sign(f[i]) && MathF.Min(MathF.Abs(r[i]), MathF.Abs(f[i])) > 0.2f, $"pre-activation {i} is near zero: {r[i]}, {f[i]}");
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Gradient_penalty_reaches_critic_parameters_as_finite_differences_say(string activation)
    {
        var critic = ConvCritic(activation);
        var (real, fake) = (Images(2) * 2f, Images(3));
        if (activation == "leaky-relu") AssertAwayFromKinks(critic, real, fake);
        // The same alpha draws at every evaluation: a fresh generator with the same seed.
        GradCheck.FirstOrder(_ => GanLosses.GradientPenalty(critic.Forward, real, fake, new Generator(5)), critic.Parameters().ToArray());
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void R1_penalty_reaches_discriminator_parameters_as_finite_differences_say(string activation)
    {
        var critic = ConvCritic(activation);
        var real = Images(2);
        if (activation == "leaky-relu") AssertAwayFromKinks(critic, real, real);
        GradCheck.FirstOrder(_ => GanLosses.R1Penalty(critic.Forward, real), critic.Parameters().ToArray());
    }

    [Fact]
    public void Penalty_inputs_are_checked()
    {
        var error = Assert.Throws<ArgumentException>(() => GanLosses.GradientPenalty(x => x.Sum(1), Tensor.Zeros(2, 3), Tensor.Zeros(3, 3), new Generator(1)));
        Assert.Contains("real [2, 3] and fake [3, 3] must be the same non-empty batch shape", error.Message);
        error = Assert.Throws<ArgumentException>(() => GanLosses.R1Penalty(x => Tensor.Zeros(x.Dim(0)), Tensor.Zeros(2, 3)));
        Assert.Contains("R1 penalty: the discriminator's output [2] does not depend on its input", error.Message);
        error = Assert.Throws<ArgumentException>(() => GanLosses.R1Penalty(x => x, Tensor.Zeros(4)));
        Assert.Contains("R1 penalty: real images must be a non-empty batch (N, ...), got [4]", error.Message);
    }

    [Fact]
    public void Mode_seeking_divides_the_image_distance_of_each_pair_by_its_latent_distance()
    {
        // Pairs (0, 2) and (1, 3). Images: |0 - 2|, |0 - 0|, |1 - 1|, |1 - 3| average 1; latents |0 - 2|, |1 - 5| average 3.
        // Loss 1 / (1/3 + 1e-5). d loss / d x[0, 0] = -loss^2 * (1/3) * sign(0 - 2) / 4 = loss^2 / 12.
        var images = Tensor.FromArray([0f, 0f, 1f, 1f, 2f, 0f, 1f, 3f], 4, 1, 1, 2);
        images.RequiresGrad = true;
        var latents = Tensor.FromArray([0f, 1f, 2f, 5f], 4, 1);
        var loss = GanLosses.ModeSeeking(images, latents);
        var expected = 1 / (1 / 3.0 + 1e-5);
        Assert.Equal(expected, loss.Item(), 4);
        loss.Backward();
        Assert.Equal(expected * expected / 12, images.Grad!.ToArray()[0], 4);
        Assert.Equal(-expected * expected / 12, images.Grad!.ToArray()[4], 4); // the pair's other half pulls the other way

        // Identical images whatever z is: the loss is as large as it gets.
        Assert.True(GanLosses.ModeSeeking(Tensor.Ones(4, 1, 1, 2), latents).Item() > 99_999);
    }
}
