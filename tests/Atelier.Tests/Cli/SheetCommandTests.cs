using Atelier.Provenance;
using Atelier.Tests.Training;

namespace Atelier.Tests.Cli;

/// <summary>Class sweeps, truncation sweeps and comparison sheets, on models trained for one or two epochs.</summary>
public sealed class SheetCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-sheet-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    private void AssertRegenerates(string file)
    {
        CliHarness.Ok("regenerate", file, "--out", P("again.png"), "--quiet");
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(P("again.png")));
    }

    [Fact]
    public void A_class_sweep_draws_every_latent_in_every_class_and_regenerates()
    {
        var run = P("shapes");
        CliHarness.Ok("train", "--model", "dcgan", "--data", "shapes:count=40", "--channels", "3", "--image-size", "32", "--width", "8",
            "--conditional", "projection", "--epochs", "1", "--batch", "10", "--out", run, "--quiet");
        CliHarness.Ok("sheet", run, "--seeds", "1-3", "--classes", "--out", P("classes.png"), "--quiet");
        var cells = ProvenancePng.Read(P("classes.png")).Require().Cells;
        Assert.Equal(15, cells.Count);
        Assert.Equal([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4], cells.Select(c => c.Class!.Value));
        Assert.Equal(["seed 1", "seed 1", "seed 2"], new[] { cells[0], cells[4], cells[5] }.Select(c => c.Recipe.ToString()));
        AssertRegenerates(P("classes.png"));
        var html = File.ReadAllText(P("classes.html"));
        Assert.Contains("<th>triangle</th>", html);
        Assert.Contains("atelier regenerate classes.png#14", html);
    }

    [Fact]
    public void Truncation_and_comparison_sheets_regenerate_cell_by_cell_and_row_by_row()
    {
        var data = TinyDatasets.WriteIdx(_dir.FullName, 40);
        CliHarness.Ok("train", "--model", "seed-gan", "--data", data, "--epochs", "2", "--batch", "20", "--save-every-epoch", "--out", P("run"), "--quiet");
        CliHarness.Ok("train", "--model", "seed-gan", "--data", data, "--epochs", "1", "--batch", "20", "--seed", "5", "--out", P("other"), "--quiet");

        CliHarness.Ok("sheet", P("run"), "--seeds", "1,2", "--truncations", "0.5,1,none", "--out", P("trunc.png"), "--quiet");
        var cells = ProvenancePng.Read(P("trunc.png")).Require().Cells;
        Assert.Equal(["seed 1 truncated 0.5", "seed 1 truncated 1", "seed 1", "seed 2 truncated 0.5"], cells.Take(4).Select(c => c.Recipe.ToString()));
        AssertRegenerates(P("trunc.png"));

        CliHarness.Ok("sheet", P("run"), "--seeds", "3,4,5", "--compare", "epochs", "--out", P("epochs.png"), "--quiet");
        CliHarness.Ok("sheet", P("run"), "--seeds", "3,4,5", "--compare", P("other"), "--out", P("runs.png"), "--quiet");
        foreach (var row in new[] { "epochs-0.png", "epochs-1.png", "runs-0.png", "runs-1.png" }) AssertRegenerates(P(row));
        Assert.NotEqual(File.ReadAllBytes(P("epochs-0.png")), File.ReadAllBytes(P("epochs-1.png")));
        Assert.Equal(PngPixels(P("epochs-1.png")), PngPixels(P("runs-0.png"))); // epoch 2 is the run's last checkpoint
        Assert.Contains("atelier regenerate runs-1.png#2", File.ReadAllText(P("runs.html")));

        CliHarness.AssertUserError(CliHarness.Run("sheet", P("run"), "--out", P("x.png")), "choose one kind of sheet");
        CliHarness.AssertUserError(CliHarness.Run("sheet", P("run"), "--classes", "--out", P("x.png")), "--classes needs a class-conditional model");
        CliHarness.AssertUserError(CliHarness.Run("sheet", P("run"), "--truncations", "0.5,big", "--out", P("x.png")), "'big' is neither a threshold");
        CliHarness.AssertUserError(CliHarness.Run("sheet", P("other"), "--compare", "epochs", "--out", P("x.png")), "keeps no epoch checkpoints");
    }

    private static byte[] PngPixels(string file) => Atelier.Imaging.PngDecoder.Decode(file).Pixels;
}
