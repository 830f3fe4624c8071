using Atelier.Cli;
using Atelier.Creation;
using Atelier.Data;
using Atelier.Evaluation;
using Atelier.Imaging;
using Atelier.IO;
using Atelier.Provenance;
using Atelier.Tests.Training;

namespace Atelier.Tests.Cli;

/// <summary>Projection: real images into VAEs (encoded) and GANs (searched for), on models trained for one epoch on a few digits.</summary>
public sealed class ProjectionCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-project-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    private string Trained(string model, int images, params string[] settings)
    {
        var run = P(model);
        var result = CliHarness.Run(["train", "--model", model, "--data", TinyDatasets.WriteIdx(_dir.FullName, images), "--epochs", "1",
            "--seed", "0", "--out", run, "--quiet", .. settings.Length == 0 ? ["--batch", "20"] : settings]);
        Assert.True(result.ExitCode == 0, result.Error);
        return run;
    }

    /// <summary>Held-out digit <paramref name="index"/> as a PNG, and its pixels (784) in [0, 1] as written.</summary>
    private string HeldOutDigit(int index)
    {
        var file = P($"digit-{index}.png");
        PngEncoder.Save(ImageTensors.ToImage(Mnist.HeldOut.Images, index, 0f, 1f), file);
        return file;
    }

    private static float[] Pixels(string png) => [.. PngDecoder.Decode(png).Pixels.Select(b => b / 255f)];

    private static double Mse(float[] a, float[] b) => a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Average();

    [Fact]
    public void A_vae_projection_of_a_held_out_digit_is_closer_to_it_than_the_mean_image()
    {
        const int trainingImages = 1000;
        var run = Trained("mlp-vae", trainingImages, "--batch", "10", "--lr", "0.003", "--kl-warmup", "100"); // 100 quick steps: enough to beat the mean image
        var mean = new float[784];
        var training = Mnist.Train.Images.Data[..(trainingImages * 784)].ToArray();
        for (var i = 0; i < training.Length; i++) mean[i % 784] += training[i] / trainingImages;
        foreach (var index in new[] { 0, 1, 2, 3, 4 })
        {
            var digit = HeldOutDigit(index);
            var result = CliHarness.Run("project", run, digit, "--out", P($"projected-{index}.png"), "--latent-out", P($"z-{index}.npy"), "--quiet");
            Assert.True(result.ExitCode == 0, result.Error);
            var (target, projected) = (Pixels(digit), Pixels(P($"projected-{index}.png")));
            Assert.True(Mse(projected, target) < Mse(mean, target), $"digit {index}: projection MSE {Mse(projected, target):0.0000}, mean image {Mse(mean, target):0.0000}");

            var cell = ProvenancePng.Read(P($"projected-{index}.png")).Require().Cells[0];
            Assert.Equal($"project(digit-{index}.png, vae mean)", cell.Recipe.ToString());
            Assert.Equal(cell.Latent, NpyFile.Load(P($"z-{index}.npy")));
        }
        // The projection stands in for a seed, and regenerates bit for bit.
        Assert.Equal(0, CliHarness.Run("interpolate", run, "--from", P("projected-0.png"), "--to", "3", "--frames", "3", "--out", P("walk.png"), "--quiet").ExitCode);
        Assert.Equal(0, CliHarness.Run("regenerate", P("projected-1.png"), "--out", P("again.png"), "--quiet").ExitCode);
        Assert.Equal(File.ReadAllBytes(P("projected-1.png")), File.ReadAllBytes(P("again.png")));
    }

    [Fact]
    public void A_gan_projection_lowers_its_loss_over_its_steps()
    {
        var run = Trained("dcgan", 60);
        var loaded = ModelLoader.Load(run);
        var target = Mnist.HeldOut.Images.Slice(0, 0, 1); // (1, 1, 28, 28)
        var found = GanProjection.Find(loaded.Model, target, null, ImageClassifier.BundledDigits(), new ProjectionSettings(Steps: 40, Starts: 2));
        Assert.Equal(40, found.Losses.Count);
        Assert.True(found.Losses[^1] < 0.8 * found.Losses[0], $"losses {string.Join(", ", found.Losses.Select(l => l.ToString("0.0000")))}");
        Assert.True(found.Losses.Skip(30).Average() < found.Losses.Take(10).Average());

        var digit = HeldOutDigit(0);
        var result = CliHarness.Run("project", run, digit, "--steps", "5", "--out", P("projected.png"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("step 5/5", result.Output);
        Assert.Equal("project(digit-0.png, adam 5 steps with classifier features)", ProvenancePng.Read(P("projected.png")).Require().Cells[0].Recipe.ToString());
        Assert.Equal(0, CliHarness.Run("regenerate", P("projected.png"), "--out", P("again.png"), "--quiet").ExitCode);
        Assert.Equal(File.ReadAllBytes(P("projected.png")), File.ReadAllBytes(P("again.png")));
    }

    [Fact]
    public void Bad_projection_inputs_give_one_line_errors()
    {
        var run = Trained("seed-gan", 40);
        CliHarness.AssertUserError(CliHarness.Run("project", run, P("missing.png"), "--out", P("x.png")), "no image at");
        CliHarness.AssertUserError(CliHarness.Run("project", run, HeldOutDigit(0), "--steps", "0", "--out", P("x.png")), "--steps must be between 1 and 10000");
        CliHarness.AssertUserError(CliHarness.Run("project", run, HeldOutDigit(0), "--out", P("x.gif")), "--out must be a .png file");
        File.WriteAllText(P("text.png"), "not an image");
        CliHarness.AssertUserError(CliHarness.Run("project", run, P("text.png"), "--out", P("x.png")), "text.png");
    }
}
