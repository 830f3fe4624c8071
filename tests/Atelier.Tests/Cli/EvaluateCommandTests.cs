using System.Text.Json;
using Atelier.Tests.Training;

namespace Atelier.Tests.Cli;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-evaluate-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public void A_vae_is_judged_by_its_likelihood_with_the_protocol_and_a_gan_refuses_vae_flags()
    {
        var data = TinyDatasets.WriteIdx(_dir.FullName, 120);
        CliHarness.Ok("train", "--model", "mlp-vae", "--data", data, "--epochs", "1", "--batch", "36", "--out", P("vae"), "--quiet");

        var grey = CliHarness.Run("evaluate", P("vae"), "--samples", "30", "--iwae-k", "5");
        Assert.True(grey.ExitCode == 0, grey.Error);
        Assert.Contains("held-out likelihood (12 images; continuous grey levels in [0, 1] scored by a Bernoulli likelihood", grey.Output);
        Assert.Contains("importance-weighted NLL (k=5)", grey.Output);
        Assert.Contains("active latent units: ", grey.Output);
        Assert.Contains("feature extractor: the bundled digit classifier", grey.Output);

        var binary = CliHarness.Run("evaluate", P("vae"), "--samples", "30", "--iwae-k", "5", "--binarised");
        Assert.True(binary.ExitCode == 0, binary.Error);
        Assert.Contains("binarised pixels (each drawn once as 0/1", binary.Output);
        Assert.Contains("previous evaluation (epoch 1, same extractor)", binary.Output);

        var history = File.ReadAllLines(P("vae/evaluations.jsonl"));
        Assert.Equal(2, history.Length);
        var latest = JsonDocument.Parse(File.ReadAllText(P("vae/evaluation.json"))).RootElement;
        Assert.Equal("Binarised", latest.GetProperty("Likelihood").GetProperty("Protocol").GetString());
        Assert.True(latest.GetProperty("Likelihood").GetProperty("ImportanceWeightedNll").GetDouble() > 0);

        CliHarness.Ok("train", "--model", "seed-gan", "--data", data, "--epochs", "1", "--batch", "36", "--out", P("gan"), "--quiet");
        CliHarness.AssertUserError(CliHarness.Run("evaluate", P("gan"), "--binarised"), "--binarised applies to VAEs");
        CliHarness.AssertUserError(CliHarness.Run("evaluate", P("gan"), "--samples", "1"), "--samples must be between 2 and 50000, got 1");
        CliHarness.AssertUserError(CliHarness.Run("evaluate", P("gan"), "--iwae-k", "0"), "--iwae-k must be between 1 and 10000, got 0");
        CliHarness.AssertUserError(CliHarness.Run("evaluate", P("nowhere")), "no run directory or checkpoint at");
        CliHarness.AssertUserError(CliHarness.Run("evaluate", P("gan"), "--against", P("missing")), "no dataset at");
    }
}
