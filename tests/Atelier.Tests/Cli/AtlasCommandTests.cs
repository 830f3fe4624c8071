using Atelier.Provenance;
using Atelier.Tests.Training;

namespace Atelier.Tests.Cli;

/// <summary>Latent atlases of a GAN's seeds and a VAE's encodings, on models trained for one epoch on a few digits.</summary>
public sealed class AtlasCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-atlas-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public void A_gan_atlas_maps_seeds_whose_points_serve_as_keys_and_regenerate()
    {
        CliHarness.Ok("train", "--model", "seed-gan", "--data", TinyDatasets.WriteIdx(_dir.FullName, 40), "--epochs", "1", "--batch", "20", "--out", P("run"), "--quiet");
        CliHarness.Ok("atlas", P("run"), "--n", "30", "--out", P("map"), "--quiet");
        var atlas = Path.Combine(P("map"), "atlas.png");
        var provenance = ProvenancePng.Read(atlas).Require();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"seed {i}"), provenance.Cells.Select(c => c.Recipe.ToString()));
        var layout = Assert.IsType<AtlasLayout>(provenance.Layout);
        Assert.Equal(30, layout.Slots.Distinct().Count());

        CliHarness.Ok("regenerate", atlas, "--out", P("again.png"), "--quiet");
        Assert.Equal(File.ReadAllBytes(atlas), File.ReadAllBytes(P("again.png")));
        // A point of the map is that seed's image, and stands in for it.
        CliHarness.Ok("regenerate", $"{atlas}#7", "--out", P("point.png"), "--quiet");
        CliHarness.Ok("sample", P("run"), "--seeds", "7", "--out", P("seven"), "--quiet");
        Assert.Equal(File.ReadAllBytes(Path.Combine(P("seven"), "sample-0000.png")), File.ReadAllBytes(P("point.png")));
        CliHarness.Ok("breed", P("run"), "--parents", $"{atlas}#3,{atlas}#17", "--children", "2", "--out", P("kids.png"), "--quiet");
        Assert.StartsWith("breed(seed 3, seed 17,", ProvenancePng.Read(P("kids.png")).Require().Cells[0].Recipe.ToString());

        var html = File.ReadAllText(Path.Combine(P("map"), "atlas.html"));
        Assert.Equal(30, html.Split("data-pc1=").Length - 1);
        Assert.Contains("seed 29", html);
        CliHarness.AssertUserError(CliHarness.Run("atlas", P("run"), "--n", "1", "--out", P("x")), "--n must be between 2 and 2000");
        CliHarness.AssertUserError(CliHarness.Run("atlas", P("run"), "--data", "mnist", "--out", P("x")), "--data is for VAEs");
    }

    [Fact]
    public void A_vae_atlas_maps_encoded_images_and_regenerates()
    {
        CliHarness.Ok("train", "--model", "mlp-vae", "--data", "mnist:count=60", "--epochs", "1", "--batch", "20", "--out", P("vae"), "--quiet");
        CliHarness.Ok("atlas", P("vae"), "--n", "20", "--out", P("map"), "--quiet");
        var atlas = Path.Combine(P("map"), "atlas.png");
        var cells = ProvenancePng.Read(atlas).Require().Cells;
        Assert.Equal("project(mnist:count=60 held-out #4, vae mean)", cells[4].Recipe.ToString());
        CliHarness.Ok("regenerate", atlas, "--out", P("again.png"), "--quiet");
        Assert.Equal(File.ReadAllBytes(atlas), File.ReadAllBytes(P("again.png")));
    }
}
