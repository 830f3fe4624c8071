using Atelier.Models;
using Atelier.Models.Gan;
using Atelier.Models.Vae;

namespace Atelier.Tests.Models;

/// <summary>The convolutional families: MODELS.md's networks as their defaults, other shapes and variants, and the recipes' arithmetic.</summary>
public sealed class ModelFamilyTests
{
    private static Dictionary<string, int[]> Shapes(GenerativeModel model) =>
        model.Parts.SelectMany(p => p.Network.StateEntries(p.Prefix)).ToDictionary(e => e.Name, e => e.Tensor.Shape.ToArray());

    [Fact]
    public void Dcgan_defaults_to_the_models_md_networks_with_their_names()
    {
        var shapes = Shapes(ModelCatalog.Create("dcgan", new Generator(1)));
        var expected = new Dictionary<string, int[]>
        {
            ["generator.fc.weight"] = [6272, 100],
            ["generator.bn0.weight"] = [6272], ["generator.bn0.bias"] = [6272], ["generator.bn0.running_mean"] = [6272], ["generator.bn0.running_var"] = [6272], ["generator.bn0.num_batches_tracked"] = [],
            ["generator.up1.weight"] = [128, 64, 4, 4],
            ["generator.bn1.weight"] = [64], ["generator.bn1.bias"] = [64], ["generator.bn1.running_mean"] = [64], ["generator.bn1.running_var"] = [64], ["generator.bn1.num_batches_tracked"] = [],
            ["generator.up2.weight"] = [64, 1, 4, 4], ["generator.up2.bias"] = [1],
            ["discriminator.0.weight"] = [64, 1, 4, 4], ["discriminator.0.bias"] = [64],
            ["discriminator.2.weight"] = [128, 64, 4, 4],
            ["discriminator.3.weight"] = [128], ["discriminator.3.bias"] = [128], ["discriminator.3.running_mean"] = [128], ["discriminator.3.running_var"] = [128], ["discriminator.3.num_batches_tracked"] = [],
            ["discriminator.6.weight"] = [1, 6272], ["discriminator.6.bias"] = [1],
        };
        Assert.Equal(expected.Keys.Order(), shapes.Keys.Order());
        foreach (var (name, shape) in expected) Assert.True(shape.SequenceEqual(shapes[name]), $"{name}: [{string.Join(", ", shapes[name])}]");
    }

    [Fact]
    public void Conv_vae_defaults_to_the_models_md_network_with_its_names()
    {
        var shapes = Shapes(ModelCatalog.Create("conv-vae", new Generator(1)));
        var expected = new Dictionary<string, int[]>
        {
            ["vae.c1.weight"] = [32, 1, 4, 4], ["vae.c1.bias"] = [32], ["vae.c2.weight"] = [64, 32, 4, 4], ["vae.c2.bias"] = [64],
            ["vae.mu.weight"] = [16, 3136], ["vae.mu.bias"] = [16], ["vae.logvar.weight"] = [16, 3136], ["vae.logvar.bias"] = [16],
            ["vae.fc.weight"] = [3136, 16], ["vae.fc.bias"] = [3136],
            ["vae.d1.weight"] = [64, 32, 4, 4], ["vae.d1.bias"] = [32], ["vae.d2.weight"] = [32, 1, 4, 4], ["vae.d2.bias"] = [1],
        };
        Assert.Equal(expected.Keys.Order(), shapes.Keys.Order());
        foreach (var (name, shape) in expected) Assert.True(shape.SequenceEqual(shapes[name]), $"{name}: [{string.Join(", ", shapes[name])}]");
    }

    public sealed record Variant(string Name, string Model, ModelOptions Options)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Variant> Variants() => new(
        new Variant("dcgan-colour-32", "dcgan", new() { Channels = 3, ImageSize = 32, Width = 8 }),
        new Variant("dcgan-colour-64", "dcgan", new() { Channels = 3, ImageSize = 64, Width = 4 }),
        new Variant("dcgan-grey-48", "dcgan", new() { ImageSize = 48, Width = 4, LatentDim = 12 }),
        new Variant("dcgan-nearest-upsampling", "dcgan", new() { Channels = 3, ImageSize = 32, Width = 8, Upsampling = "nearest" }),
        new Variant("dcgan-projection", "dcgan", new() { Width = 8, Conditional = "projection", Classes = 3 }),
        new Variant("dcgan-concat", "dcgan", new() { Width = 8, Conditional = "concat", Classes = 3 }),
        new Variant("dcgan-acgan", "dcgan", new() { Width = 8, Conditional = "acgan", Classes = 3 }),
        new Variant("dcgan-pooled-head-acgan", "dcgan", new() { Width = 8, Conditional = "acgan", Classes = 3, DiscriminatorHead = "pool" }),
        new Variant("dcgan-wgan-gp", "dcgan", new() { Width = 8, Loss = "wgan-gp", CriticSteps = 2 }),
        new Variant("dcgan-hinge-sn", "dcgan", new() { Width = 8, Loss = "hinge", SpectralNorm = true }),
        new Variant("dcgan-lsgan-r1", "dcgan", new() { Width = 8, Loss = "lsgan", R1 = 1f }),
        new Variant("dcgan-ada", "dcgan", new() { Width = 8, Augment = "color,translation,cutout,flip", AdaTarget = 0.6f }),
        new Variant("seed-gan-hinge-augment", "seed-gan", new() { Loss = "hinge", Augment = "translation" }),
        new Variant("conv-vae-colour-logistic", "conv-vae", new() { Channels = 3, ImageSize = 32, Width = 8, Decoder = "logistic" }),
        new Variant("conv-vae-gaussian-learned", "conv-vae", new() { Width = 8, Decoder = "gaussian-learned" }),
        new Variant("conv-vae-conditional", "conv-vae", new() { Width = 8, Conditional = "concat", Classes = 3, Beta = 2f, KlWarmup = 10 }),
        new Variant("mlp-vae-gaussian", "mlp-vae", new() { Decoder = "gaussian", Capacity = 5f }));

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_variant_trains_and_generates_images_of_its_shape(Variant variant)
    {
        var random = new Generator(4);
        var model = ModelCatalog.Create(variant.Model, variant.Options, random);
        var (c, s) = (model.Spec.Channels, model.Spec.ImageSize);
        var images = Tensor.Uniform([6, c, s, s], new Generator(5));
        var labels = model.Classes > 0 ? new[] { 0, 1, 2, 0, 1, 2 } : null;
        for (var step = 0; step < 3; step++)
        {
            var losses = model.TrainStep(images, labels, random);
            Assert.Equal(model.LossNames.Order(), losses.Keys.Order());
            Assert.All(losses, l => Assert.True(float.IsFinite(l.Value), $"{l.Key} = {l.Value}"));
        }
        var generated = model.Generate(model.SampleLatents(5, random));
        Assert.Equal([5, c, s, s], generated.Shape);
        Assert.All(generated.ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void A_conditional_generator_draws_from_the_class_it_is_given()
    {
        var model = ModelCatalog.Create("dcgan", new ModelOptions { Width = 8, Conditional = "projection", Classes = 4 }, new Generator(2));
        var z = model.SampleLatents(1, new Generator(3));
        var latents = Tensor.Concat([z, z, z], axis: 0);
        var images = model.Generate(latents, [1, 1, 2]).ToArray();
        var size = images.Length / 3;
        Assert.True(images.AsSpan(0, size).SequenceEqual(images.AsSpan(size, size)), "the same latent and class give the same image");
        Assert.False(images.AsSpan(0, size).SequenceEqual(images.AsSpan(2 * size, size)), "another class changes the image");
        Assert.Equal(images, model.Generate(latents, [1, 1, 2]).ToArray());
        Assert.Contains("outside the model's 4 classes", Assert.Throws<ArgumentException>(() => model.Generate(latents, [0, 4, 1])).Message);
        Assert.Contains("class-conditional: give class labels", Assert.Throws<ArgumentException>(() => model.TrainStep(Tensor.Zeros(3, 1, 28, 28), new Generator(1))).Message);
    }

    [Fact]
    public void With_several_critic_steps_the_generator_moves_only_every_nth_step()
    {
        var model = (GanModel)ModelCatalog.Create("dcgan", new ModelOptions { Width = 4, Loss = "wgan-gp", CriticSteps = 3 }, new Generator(1));
        var weight = model.GeneratorNetwork.StateDict()["fc.weight"];
        var critic = model.Discriminator.StateDict()["0.weight"];
        var images = Tensor.Uniform([4, 1, 28, 28], new Generator(2));
        var random = new Generator(3);
        for (var step = 1; step <= 6; step++)
        {
            var (before, criticBefore) = (weight.ToArray(), critic.ToArray());
            model.TrainStep(images, random);
            Assert.False(criticBefore.SequenceEqual(critic.ToArray()), $"the critic trains at step {step}");
            Assert.Equal(step % 3 == 0, !before.SequenceEqual(weight.ToArray()));
        }
    }

    [Fact]
    public void A_pooled_discriminator_head_judges_the_average_of_its_last_map_with_and_without_the_label()
    {
        var options = new ModelOptions { Channels = 3, ImageSize = 32, Width = 8, Conditional = "projection", Classes = 3, DiscriminatorHead = "pool" };
        var discriminator = (ConvDiscriminator)((GanModel)ModelCatalog.Create("dcgan", options, new Generator(1))).Discriminator;
        var flattened = (ConvDiscriminator)((GanModel)ModelCatalog.Create("dcgan", options with { DiscriminatorHead = null }, new Generator(1))).Discriminator;
        Assert.Equal([1, 32], discriminator.StateDict()["9.weight"].Shape.ToArray());      // 32 channels of the last 4x4 map
        Assert.Equal([3, 32], discriminator.StateDict()["embed.weight"].Shape.ToArray());
        Assert.Equal([1, 512], flattened.StateDict()["9.weight"].Shape.ToArray());         // 32 x 4 x 4 positions

        // By hand: the last map (layers 0 to 7), averaged over its 16 positions, read by the output layer plus embed(y) . h.
        discriminator.Eval();
        var images = Tensor.Normal([2, 3, 32, 32], new Generator(5));
        var map = discriminator.Children().Take(8).Aggregate(images, (x, child) => child.Module.Forward(x)).ToArray(); // (2, 32, 4, 4)
        var state = discriminator.StateDict();
        var (weight, bias, embed) = (state["9.weight"].ToArray(), state["9.bias"].ToArray()[0], state["embed.weight"].ToArray());
        int[] labels = [2, 0];
        var logits = discriminator.Forward(images, labels).ToArray();
        for (var n = 0; n < 2; n++)
        {
            double expected = bias;
            for (var c = 0; c < 32; c++)
            {
                var h = map.Skip((n * 32 + c) * 16).Take(16).Average();
                expected += (weight[c] + embed[labels[n] * 32 + c]) * h;
            }
            Assert.Equal(expected, logits[n], 1e-4);
        }
    }

    [Fact]
    public void Wgan_gp_and_spectral_norm_leave_batch_norm_out_of_the_discriminator()
    {
        static bool HasBatchNorm(string name, ModelOptions options) =>
            ((GanModel)ModelCatalog.Create(name, options, new Generator(1))).Discriminator.StateDict().Keys.Any(k => k.EndsWith("running_mean", StringComparison.Ordinal));
        Assert.True(HasBatchNorm("dcgan", new ModelOptions()));
        Assert.False(HasBatchNorm("dcgan", new ModelOptions { Loss = "wgan-gp" }));
        Assert.False(HasBatchNorm("dcgan", new ModelOptions { SpectralNorm = true }));
        Assert.True(HasBatchNorm("dcgan", new ModelOptions { SpectralNorm = true, DiscriminatorBatchNorm = true }));
        var spectral = ((GanModel)ModelCatalog.Create("dcgan", new ModelOptions { SpectralNorm = true }, new Generator(1))).Discriminator.StateDict().Keys;
        Assert.Contains("0.weight_orig", spectral);
        Assert.Contains("0.weight_u", spectral);
    }

    [Fact]
    public void The_kl_weight_warms_up_and_the_capacity_rises_linearly()
    {
        var warm = VaeRecipe.From(new ModelOptions { Beta = 4f, KlWarmup = 100 });
        Assert.Equal([0f, 1f, 2f, 4f, 4f], new long[] { 0, 25, 50, 100, 1000 }.Select(warm.BetaAt));
        var capacity = VaeRecipe.From(new ModelOptions { Capacity = 20f, CapacitySteps = 40 });
        Assert.Equal([0f, 5f, 20f, 20f], new long[] { 0, 10, 40, 80 }.Select(capacity.CapacityAt));
    }

    [Fact]
    public void The_vae_objectives_combine_their_reported_terms_as_defined()
    {
        var images = Tensor.Uniform([4, 1, 28, 28], new Generator(1)).Map(v => v > 0.5f ? 1f : 0f);
        // At the first step the warmed-up KL weight is 0: the loss is the reconstruction alone.
        var warm = ModelCatalog.Create("mlp-vae", new ModelOptions { Beta = 4f, KlWarmup = 10 }, new Generator(2));
        var first = warm.TrainStep(images, new Generator(3));
        Assert.Equal(first["reconstruction"], first["loss"], 3);
        Assert.True(first["kl"] > 0);
        // The capacity objective at step 0 (C = 0) is reconstruction + gamma * KL.
        var capacity = ModelCatalog.Create("mlp-vae", new ModelOptions { Capacity = 10f, CapacityGamma = 3f }, new Generator(2));
        var losses = capacity.TrainStep(images, new Generator(3));
        Assert.Equal(losses["reconstruction"] + 3f * losses["kl"], losses["loss"], 2);
        // The plain VAE reports the negative ELBO: reconstruction + KL.
        var plain = ModelCatalog.Create("mlp-vae", new Generator(2)).TrainStep(images, new Generator(3));
        Assert.Equal(plain["reconstruction"] + plain["kl"], plain["loss"], 3);
    }

    [Fact]
    public void Truncated_latents_stay_within_the_threshold()
    {
        var model = ModelCatalog.Create("mlp-vae", new Generator(1));
        var z = model.SampleLatents(200, new Generator(2), truncation: 0.5f).ToArray();
        Assert.Equal(200 * model.Spec.LatentDim, z.Length);
        Assert.All(z, v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.True(z.Select(MathF.Abs).Average() > 0.2f, "truncated draws still spread over the interval");
        Assert.Contains("at least 0.05", Assert.Throws<ArgumentException>(() => model.SampleLatents(2, new Generator(2), truncation: 0f)).Message);
    }

    [Theory]
    [InlineData("seed-gan", "channels", "seed-gan has a fixed architecture")]
    [InlineData("mlp-vae", "loss", "mlp-vae is a VAE: loss")]
    [InlineData("dcgan", "beta", "dcgan is a GAN: beta")]
    [InlineData("dcgan", "size30", "image size 30 is not 4 to 7 times a power of two")]
    [InlineData("dcgan", "bad-loss", "unknown GAN loss")]
    [InlineData("dcgan", "bad-decoder", "dcgan is a GAN")]
    [InlineData("conv-vae", "bad-decoder", "unknown decoder 'poisson'")]
    [InlineData("dcgan", "conditional-no-classes", "needs labelled data with at least 2 classes")]
    [InlineData("dcgan", "ada-without-policy", "adaptive augmentation needs an augmentation policy")]
    [InlineData("dcgan", "bad-upsampling", "unknown upsampling 'bicubic'; choose transposed or nearest")]
    [InlineData("dcgan", "bad-head", "unknown discriminator head 'max'; choose flatten or pool")]
    [InlineData("mlp-vae", "head", "mlp-vae is a VAE")]
    [InlineData("seed-gan", "head", "the discriminator head applies to dcgan's discriminator, not seed-gan's")]
    public void Options_that_do_not_fit_the_model_are_refused_with_a_reason(string model, string option, string message)
    {
        ModelOptions options = option switch
        {
            "channels" => new() { Channels = 3 },
            "loss" => new() { Loss = "hinge" },
            "beta" => new() { Beta = 2f },
            "size30" => new() { ImageSize = 30 },
            "bad-loss" => new() { Loss = "minimax" },
            "bad-decoder" => new() { Decoder = "poisson" },
            "conditional-no-classes" => new() { Conditional = "projection" },
            "bad-upsampling" => new() { Upsampling = "bicubic" },
            "bad-head" => new() { DiscriminatorHead = "max" },
            "head" => new() { DiscriminatorHead = "pool" },
            _ => new() { AdaTarget = 0.6f },
        };
        var error = Assert.ThrowsAny<ArgumentException>(() => ModelCatalog.Create(model, options, new Generator(1)));
        Assert.Contains(message, error.Message);
    }
}
