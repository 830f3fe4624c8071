using System.Text.Json;
using Atelier.Imaging;
using Atelier.Tests.Training;

namespace Atelier.Tests.Cli;

/// <summary>The model options on the command line: flags reach the run, conditional sampling by class, and bad values refused in one line.</summary>
public sealed class VariantCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-variants-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public void A_conditional_colour_gan_trains_from_flags_and_samples_a_class_by_name()
    {
        var run = P("shapes");
        var result = CliHarness.Run("train", "--model", "dcgan", "--data", "shapes:count=60", "--channels", "3", "--image-size", "32", "--width", "8",
            "--loss", "hinge", "--spectral-norm", "true", "--augment", "color,translation", "--conditional", "projection", "--random-crop", "--flip",
            "--epochs", "1", "--batch", "10", "--samples", "10", "--out", run, "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
        {
            var options = config.RootElement.GetProperty("Options");
            Assert.Equal("hinge", options.GetProperty("Loss").GetString());
            Assert.Equal(5, options.GetProperty("Classes").GetInt32());
            Assert.True(options.GetProperty("SpectralNorm").GetBoolean());
            Assert.Equal("triangle", config.RootElement.GetProperty("ClassNames")[2].GetString());
        }
        var grid = PngDecoder.Decode(Path.Combine(run, "samples", "epoch-001.png"));
        Assert.Equal(5 * 32 + 6 * 2, grid.Width); // one column per class

        Assert.Equal(0, CliHarness.Run("sample", run, "--class", "triangle", "--n", "4", "--truncation", "0.8", "--out", P("triangles.png"), "--quiet").ExitCode);
        Assert.Equal(0, CliHarness.Run("sample", run, "--class", "2", "--n", "4", "--truncation", "0.8", "--out", P("two.png"), "--quiet").ExitCode);
        Assert.Equal(File.ReadAllBytes(P("triangles.png")), File.ReadAllBytes(P("two.png")));
        CliHarness.AssertUserError(CliHarness.Run("sample", run, "--class", "hexagon", "--out", P("x.png")), "--class 'hexagon' is not one of the model's classes: circle, square, triangle, cross, ring");
        CliHarness.AssertUserError(CliHarness.Run("sample", run, "--truncation", "0", "--out", P("x.png")), "truncation threshold must be at least 0.05");

        var evaluation = CliHarness.Run("evaluate", run, "--n", "20");
        Assert.True(evaluation.ExitCode == 0, evaluation.Error);
        Assert.Contains("\nFID ", evaluation.Output);
        Assert.Contains(" KID ", evaluation.Output);
        Assert.Contains("precision ", evaluation.Output);
        Assert.Contains("class agreement:", evaluation.Output);
        Assert.Contains("recognised with probability", evaluation.Output);
        Assert.Contains("memorisation: ", evaluation.Output);
        var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "evaluation.json"))).RootElement;
        Assert.Equal(20, saved.GetProperty("Samples").GetInt32());
        Assert.Equal(12, saved.GetProperty("ExtractorHash").GetString()!.Length);
        Assert.Contains("FID / KID", File.ReadAllText(Path.Combine(run, "report.html")));
        Assert.True(File.Exists(Path.Combine(run, "evaluation", "closest-pairs.png")));
    }

    [Fact]
    public void An_unconditional_model_refuses_a_class()
    {
        var data = TinyDatasets.WriteIdx(_dir.FullName, 60);
        Assert.Equal(0, CliHarness.Run("train", "--model", "seed-gan", "--data", data, "--epochs", "1", "--batch", "20", "--out", P("gan"), "--quiet").ExitCode);
        CliHarness.AssertUserError(CliHarness.Run("sample", P("gan"), "--class", "3", "--out", P("x.png")), "--class needs a class-conditional model");
    }

    [Theory]
    [InlineData("unknown GAN loss 'minimax'", "--model", "dcgan", "--loss", "minimax")]
    [InlineData("'width' must be a whole number, got 'wide'", "--model", "dcgan", "--width", "wide")]
    [InlineData("seed-gan has a fixed architecture", "--model", "seed-gan", "--image-size", "32")]
    [InlineData("a conditional model needs labelled images", "--model", "dcgan", "--conditional", "projection", "--data", "IDX")]
    [InlineData("random crops need images larger than the model's", "--model", "dcgan", "--random-crop")]
    [InlineData("unknown resampling 'cubic'", "--model", "dcgan", "--resampling", "cubic")]
    [InlineData("dcgan needs 3-channel 32x32 images", "--model", "dcgan", "--channels", "3", "--image-size", "32")]
    public void Bad_option_values_are_refused_in_one_line(string message, params string[] flags)
    {
        var args = flags.Select(f => f == "IDX" ? TinyDatasets.WriteIdx(_dir.FullName, 30) : f).ToList();
        if (!args.Contains("--data")) args.AddRange(["--data", "mnist"]);
        CliHarness.AssertUserError(CliHarness.Run(["train", .. args, "--epochs", "1", "--out", P("run"), "--quiet"]), message);
    }

    [Fact]
    public void A_config_file_takes_the_model_settings_and_names_a_bad_one()
    {
        File.WriteAllText(P("bad.yaml"), "model: dcgan\nloss: hinge\ncritic_steps: many\n");
        CliHarness.AssertUserError(CliHarness.Run("train", "--config", P("bad.yaml"), "--out", P("run")), "bad.yaml: 'critic_steps' must be a whole number, got 'many'");
        File.WriteAllText(P("typo.yaml"), "model: dcgan\nlos: hinge\n");
        CliHarness.AssertUserError(CliHarness.Run("train", "--config", P("typo.yaml"), "--out", P("run")), "unknown setting 'los'");
    }
}
