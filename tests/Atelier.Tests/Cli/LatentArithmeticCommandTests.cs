using Atelier.Cli;
using Atelier.Creation;
using Atelier.Data;
using Atelier.Evaluation;
using Atelier.Models.Vae;
using Atelier.Provenance;
using Atelier.Tests.Training;

namespace Atelier.Tests.Cli;

/// <summary>Bookmarks, latent arithmetic, directions and strips along them, on models trained for one epoch on a few digits.</summary>
public sealed class LatentArithmeticCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-arithmetic-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    private string Trained(string model, string data)
    {
        var run = P(model);
        CliHarness.Ok("train", "--model", model, "--data", data, "--epochs", "1", "--batch", "20", "--out", run, "--quiet");
        return run;
    }

    private void AssertRegenerates(string file)
    {
        CliHarness.Ok("regenerate", file, "--out", P("again.png"), "--quiet");
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(P("again.png")));
    }

    private static float[] Z(long seed) => Latents.FromSeed(seed, 100);

    [Fact]
    public void Bookmarks_and_expressions_make_the_latent_they_say_and_regenerate()
    {
        var run = Trained("seed-gan", TinyDatasets.WriteIdx(_dir.FullName, 40));
        CliHarness.Ok("sample", run, "--seeds", "4", "--out", P("neutral"), "--quiet");
        CliHarness.Ok("bookmark", run, "smile", "3", "--quiet");
        CliHarness.Ok("bookmark", run, "neutral", Path.Combine(P("neutral"), "sample-0000.png"), "--quiet");
        CliHarness.Ok("bookmark", run, "both", "smile + neutral", "--quiet");
        var list = CliHarness.Run("bookmark", run);
        Assert.Contains("bookmark  smile: seed 3", list.Output);
        Assert.Contains("bookmark  both: sum(bookmark(smile, seed 3), bookmark(neutral, seed 4))", list.Output);

        CliHarness.Ok("sample", run, "--latent", "smile - neutral + seed 7", "--out", P("expr.png"), "--quiet");
        var cell = ProvenancePng.Read(P("expr.png")).Require().Cells.Single(); // intact: the sum's recipe makes its stored latent
        Assert.Equal("sum(bookmark(smile, seed 3), -bookmark(neutral, seed 4), seed 7)", cell.Recipe.ToString());
        Assert.Equal(Z(3).Select((v, i) => v - Z(4)[i] + Z(7)[i]), cell.Latent);
        AssertRegenerates(P("expr.png"));

        // Bookmarks and expressions stand in wherever latents are taken.
        CliHarness.Ok("animate", run, "--keys", "smile,- neutral + seed 2,both", "--frames-per-key", "2", "--out", P("anim.png"), "--quiet");
        Assert.Equal("sum(-bookmark(neutral, seed 4), seed 2)", ProvenancePng.Read(P("anim.png")).Require().Cells[2].Recipe.ToString());
        CliHarness.Ok("bookmark", run, "both", "--delete", "--quiet");
        CliHarness.AssertUserError(CliHarness.Run("sample", run, "--latent", "both + seed 1", "--out", P("x.png")), "'both' is not a bookmark of this run (its bookmarks: neutral, smile)");
        CliHarness.AssertUserError(CliHarness.Run("bookmark", run, "seed", "3"), "'seed' is not a valid name");
        CliHarness.AssertUserError(CliHarness.Run("bookmark", run, "9lives", "3"), "'9lives' is not a valid name");
        CliHarness.AssertUserError(CliHarness.Run("bookmark", run, "gone", "--delete"), "no bookmark or direction named 'gone'");
        CliHarness.AssertUserError(CliHarness.Run("sample", run, "--latent", "smile + 1-5", "--out", P("x.png")), "names 5 latents");
    }

    [Fact]
    public void A_strip_follows_a_direction_between_two_sets_and_regenerates()
    {
        var run = Trained("seed-gan", TinyDatasets.WriteIdx(_dir.FullName, 40));
        CliHarness.Ok("sample", run, "--seeds", "5,6", "--out", P("pair.png"), "--quiet");
        CliHarness.Ok("direction", run, "brighter", "--from", "1,2", "--to", $"{P("pair.png")}#0,{P("pair.png")}#1", "--quiet");
        CliHarness.Ok("strip", run, "--from", "seed 9", "--direction", "brighter", "--steps", "5", "--scale", "2", "--out", P("strip.png"), "--quiet");

        var cells = ProvenancePng.Read(P("strip.png")).Require().Cells;
        Assert.Equal(["along(seed 9, brighter, -2)", "along(seed 9, brighter, -1)", "along(seed 9, brighter, 0)", "along(seed 9, brighter, 1)", "along(seed 9, brighter, 2)"],
            cells.Select(c => c.Recipe.ToString()));
        var direction = Enumerable.Range(0, 100).Select(i => (Z(5)[i] + Z(6)[i]) / 2 - (Z(1)[i] + Z(2)[i]) / 2).ToArray();
        Assert.Equal(Z(9), cells[2].Latent);
        for (var i = 0; i < 100; i++) Assert.Equal(Z(9)[i] + 2 * direction[i], cells[4].Latent[i], 1e-5f);
        AssertRegenerates(P("strip.png"));

        CliHarness.AssertUserError(CliHarness.Run("strip", run, "--from", "9", "--direction", "darker", "--out", P("x.png")), "'darker' is not a direction of this run (its directions: brighter)");
        CliHarness.AssertUserError(CliHarness.Run("direction", run, "x", "--from", "1"), "--to is missing");
        CliHarness.AssertUserError(CliHarness.Run("direction", run, "x"), "give either --from-class and --to-class, or --from and --to");
        CliHarness.AssertUserError(CliHarness.Run("bookmark", run, "brighter", "3"), "already names a direction");
    }

    [Fact]
    public void A_vae_direction_is_the_difference_of_its_class_means()
    {
        var run = Trained("mlp-vae", "mnist:count=60");
        CliHarness.Ok("direction", run, "one-to-seven", "--from-class", "1", "--to-class", "7", "--n", "60", "--quiet");
        var vae = (VaeModel)ModelLoader.Load(run).Model;
        var means = vae.EncodeMean(Mnist.Train.Images.Slice(0, 0, 60)).ToArray(); // (60, 16)
        var dim = vae.Spec.LatentDim;
        float[] Mean(int digit)
        {
            var rows = Enumerable.Range(0, 60).Where(i => Mnist.Train.Labels![i] == digit).ToList();
            return [.. Enumerable.Range(0, dim).Select(j => rows.Average(i => means[i * dim + j]))];
        }
        var expected = Mean(7).Zip(Mean(1), (a, b) => a - b).ToArray();
        var saved = ProvenanceCell.ParseLatent(LatentLibrary.Load(Path.Combine(run, "latents.json")).Directions["one-to-seven"].Vector)!;
        for (var j = 0; j < dim; j++) Assert.Equal(expected[j], saved[j], 1e-4f);

        CliHarness.Ok("strip", run, "--from", "3", "--direction", "one-to-seven", "--out", P("strip.png"), "--quiet");
        AssertRegenerates(P("strip.png"));
        CliHarness.AssertUserError(CliHarness.Run("direction", run, "x", "--from-class", "1", "--to-class", "eleven"), "--to-class 'eleven' is not one of the classes: 0, 1, 2");
    }

    [Fact]
    public void A_gan_direction_comes_from_the_classes_a_classifier_gives_its_samples()
    {
        // After one epoch the bundled classifier sees a single digit in nearly every sample, so this checks the plumbing and
        // the missing-class error; the arithmetic of class means is checked on the VAE above.
        var run = Trained("seed-gan", "mnist:count=40");
        var (latents, classes) = ClassLatents.Classified(ModelLoader.Load(run).Model, ImageClassifier.BundledDigits(), 100);
        var common = classes.GroupBy(c => c).MaxBy(g => g.Count())!.Key;
        Assert.Equal(Enumerable.Range(0, 100).Select(seed => Latents.FromSeed(seed, 100)), latents);
        CliHarness.Ok("direction", run, "d", "--from-class", $"{common}", "--to-class", $"{common}", "--n", "100", "--quiet");
        Assert.All(ProvenanceCell.ParseLatent(LatentLibrary.Load(Path.Combine(run, "latents.json")).Directions["d"].Vector)!, v => Assert.Equal(0f, v));
        var missing = Enumerable.Range(0, 10).First(c => !classes.Contains(c));
        CliHarness.AssertUserError(CliHarness.Run("direction", run, "e", "--from-class", $"{common}", "--to-class", $"{missing}", "--n", "100"), $"no latent has class {missing}");
    }
}
