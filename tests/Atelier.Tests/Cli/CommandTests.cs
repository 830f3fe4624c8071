using Atelier.Imaging;
using Atelier.Tests.Training;

namespace Atelier.Tests.Cli;

public sealed class CommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    private string TrainedVae()
    {
        var run = P("vae");
        var result = CliHarness.Run("train", "--model", "mlp-vae", "--data", TinyDatasets.WriteIdx(_dir.FullName, 120), "--epochs", "1", "--batch", "36", "--out", run, "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        return run;
    }

    [Fact]
    public void Train_then_sample_interpolate_and_reconstruct()
    {
        var run = TrainedVae();
        Assert.Equal(0, CliHarness.Run("sample", run, "--n", "6", "--seed", "4", "--out", P("a.png"), "--quiet").ExitCode);
        Assert.Equal(0, CliHarness.Run("sample", run, "--n", "6", "--seed", "4", "--out", P("b.png"), "--quiet").ExitCode);
        Assert.Equal(0, CliHarness.Run("sample", run, "--n", "6", "--seed", "5", "--out", P("c.png"), "--quiet").ExitCode);
        Assert.Equal(File.ReadAllBytes(P("a.png")), File.ReadAllBytes(P("b.png")));
        Assert.NotEqual(File.ReadAllBytes(P("a.png")), File.ReadAllBytes(P("c.png")));

        Assert.Equal(0, CliHarness.Run("sample", run, "--n", "3", "--out", P("separate"), "--quiet").ExitCode);
        Assert.Equal(3, Directory.GetFiles(P("separate"), "*.png").Length);
        var single = PngDecoder.Decode(Path.Combine(P("separate"), "sample-0000.png"));
        Assert.Equal((28, 28, 1), (single.Width, single.Height, single.Channels));

        Assert.Equal(0, CliHarness.Run("interpolate", run, "--from", "1", "--to", "2", "--frames", "5", "--out", P("walk.gif"), "--quiet").ExitCode);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(P("walk.gif")), 0, 6));
        Assert.Equal(0, CliHarness.Run("interpolate", run, "--from", "1", "--to", "2", "--frames", "5", "--out", P("walk.png"), "--quiet").ExitCode);

        Assert.Equal(0, CliHarness.Run("reconstruct", run, "--n", "4", "--out", P("recon.png"), "--quiet").ExitCode);
        var recon = PngDecoder.Decode(P("recon.png"));
        Assert.True(recon.Height > 2 * 28 && recon.Width > 4 * 28, $"{recon.Width}x{recon.Height}");
    }

    [Fact]
    public void Resume_continues_a_run()
    {
        var run = TrainedVae();
        var result = CliHarness.Run("resume", run, "--epochs", "2");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Resuming", result.Output);
        Assert.True(File.Exists(Path.Combine(run, "samples", "epoch-002.png")));
    }

    [Fact]
    public void A_config_file_is_read_and_flags_override_it()
    {
        var data = TinyDatasets.WriteIdx(_dir.FullName, 120);
        File.WriteAllText(P("run.yaml"), $"model: mlp-vae\ndata: {data}\nepochs: 3\nbatch: 36\nseed: 9\n");
        var result = CliHarness.Run("train", "--config", P("run.yaml"), "--epochs", "1", "--out", P("cfg"), "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        var config = File.ReadAllText(Path.Combine(P("cfg"), "config.json"));
        Assert.Contains("\"Epochs\": 1", config);
        Assert.Contains("\"Seed\": 9", config);
        Assert.Contains("\"Model\": \"mlp-vae\"", config);
    }

    [Fact]
    public void Unknown_model() => CliHarness.AssertUserError(CliHarness.Run("train", "--model", "stylegan9", "--out", P("x")), "unknown model 'stylegan9'; choose one of: seed-gan");

    [Fact]
    public void Missing_dataset() => CliHarness.AssertUserError(CliHarness.Run("train", "--model", "dcgan", "--data", P("nowhere"), "--out", P("x")), "no dataset at");

    [Fact]
    public void Corrupt_idx_file()
    {
        File.WriteAllBytes(P("bad-idx3-ubyte"), [0, 0, 8, 3, 0, 0, 0, 9]);
        CliHarness.AssertUserError(CliHarness.Run("train", "--model", "dcgan", "--data", P("bad-idx3-ubyte"), "--out", P("x")), "bad-idx3-ubyte");
    }

    [Fact]
    public void Corrupt_png_in_an_image_folder()
    {
        Directory.CreateDirectory(P("pictures"));
        File.WriteAllBytes(Path.Combine(P("pictures"), "broken.png"), [137, 80, 78, 71, 13, 10, 26, 10, 0, 0]);
        CliHarness.AssertUserError(CliHarness.Run("train", "--model", "dcgan", "--data", P("pictures"), "--out", P("x")), "broken.png");
    }

    [Fact]
    public void Checkpoint_of_another_model_is_named()
    {
        var run = TrainedVae();
        var vaeCheckpoint = Atelier.Checkpoints.SafetensorsFile.Read(Path.Combine(run, "checkpoints", "last.safetensors"));
        var dcgan = Atelier.Models.ModelCatalog.Create("dcgan", new Generator(1));
        var error = Assert.Throws<Atelier.NN.StateDictException>(() => Atelier.Training.RunCheckpoint.LoadInto(dcgan, vaeCheckpoint, "last.safetensors", withOptimizer: false));
        Assert.Contains("last.safetensors holds a mlp-vae model, not dcgan", error.Message);

        // Weights alone (as PyTorch would save them) are not a training checkpoint.
        Atelier.Checkpoints.Checkpoint.Save(P("weights.safetensors"), ((Atelier.Models.Gan.GanModel)dcgan).GeneratorNetwork, "generator.");
        CliHarness.AssertUserError(CliHarness.Run("sample", P("weights.safetensors"), "--out", P("s.png")), "is not an Atelier training checkpoint");
    }

    [Fact]
    public void Reconstruct_refuses_a_gan()
    {
        var data = TinyDatasets.WriteIdx(_dir.FullName, 80);
        Assert.Equal(0, CliHarness.Run("train", "--model", "seed-gan", "--data", data, "--epochs", "1", "--batch", "24", "--out", P("gan"), "--quiet").ExitCode);
        CliHarness.AssertUserError(CliHarness.Run("reconstruct", P("gan"), "--out", P("r.png")), "reconstruct needs a VAE");
    }

    [Fact]
    public void Output_folder_that_cannot_be_written()
    {
        File.WriteAllText(P("file"), "not a folder");
        CliHarness.AssertUserError(CliHarness.Run("train", "--model", "mlp-vae", "--out", Path.Combine(P("file"), "run")), "cannot write to the output folder");
    }

    [Fact]
    public void Not_a_checkpoint()
    {
        File.WriteAllText(P("notes.safetensors"), "hello");
        CliHarness.AssertUserError(CliHarness.Run("sample", P("notes.safetensors"), "--out", P("s.png")), "notes.safetensors");
    }

    [Fact]
    public void Bad_flag_values()
    {
        CliHarness.AssertUserError(CliHarness.Run("train", "--epochs", "0", "--out", P("x")), "epochs must be at least 1");
        Assert.Equal(1, CliHarness.Run("train", "--epochs", "many").ExitCode);
        Assert.Equal(1, CliHarness.Run("frobnicate").ExitCode);
    }

    [Fact]
    public void Demo_at_reduced_size_writes_every_result()
    {
        var result = CliHarness.Run("demo", "--out", P("runs"), "--minutes", "0.05");
        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var file in new[] { "demo-dcgan/report.html", "demo-dcgan/samples.png", "demo-dcgan/interpolation.gif", "demo-dcgan/checkpoints/last.safetensors",
                     "demo-conv-vae/report.html", "demo-conv-vae/reconstructions.png", "demo-conv-vae/checkpoints/last.safetensors" })
            Assert.True(File.Exists(Path.Combine(P("runs"), file)), $"the demo did not write {file}");
        Assert.Contains("samples judged by the digit classifier", result.Output);
        Assert.Contains("negative ELBO", result.Output);
        // A second demo replaces the first one's runs rather than refusing.
        Assert.Equal(0, CliHarness.Run("demo", "--out", P("runs"), "--minutes", "0.02", "--quiet").ExitCode);
    }
}
