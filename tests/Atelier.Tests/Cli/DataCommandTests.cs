using Atelier.Tests.Data.Doctor;

namespace Atelier.Tests.Cli;

public sealed class DataCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-data-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public void Check_writes_a_manifest_that_train_uses()
    {
        PlantedFolder.Write(P("pets"));
        var check = CliHarness.Run("data", "check", P("pets"));
        Assert.True(check.ExitCode == 0, check.Error);
        Assert.Contains("unusable:    4 (1 empty, 1 truncated, 1 corrupt, 1 not an image)", check.Output);
        Assert.Contains("duplicates:  1 exact and 1 near group(s), 2 image(s) dropped", check.Output);
        Assert.Contains("classes:     birds 6, cats 7, dogs 7, fish 1 (low)", check.Output);
        string manifest = Path.Combine(P("pets-check"), "manifest.txt");
        Assert.True(File.Exists(Path.Combine(P("pets-check"), "report.md")) && File.Exists(Path.Combine(P("pets-check"), "report.json")));

        // 21 images: 2 held out, 19 trained on one at a time.
        var train = CliHarness.Run("train", "--model", "mlp-vae", "--data", manifest, "--epochs", "1", "--batch", "1", "--out", P("run"));
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("Done: 1 epoch(s), 19 steps", train.Output);
    }

    [Fact]
    public void Bad_paths_are_one_line_errors()
    {
        CliHarness.AssertUserError(CliHarness.Run("data", "check", P("nowhere")), "nowhere does not exist");
        File.WriteAllText(P("file.png"), "x");
        CliHarness.AssertUserError(CliHarness.Run("data", "check", P("file.png")), "is a file, not a folder");
        Directory.CreateDirectory(P("empty"));
        CliHarness.AssertUserError(CliHarness.Run("data", "check", P("empty")), "empty: is empty");
        Directory.CreateDirectory(P("texts"));
        File.WriteAllText(P("texts/a.txt"), "x");
        CliHarness.AssertUserError(CliHarness.Run("data", "check", P("texts")), "holds 1 file(s) but no images");
        PlantedFolder.Write(P("pets"));
        CliHarness.AssertUserError(CliHarness.Run("data", "check", P("pets"), "--out", Path.Combine(P("file.png"), "report")), "cannot write the report to");
        CliHarness.AssertUserError(CliHarness.Run("data", "check", P("pets"), "--near", "3"), "threshold is a thumbnail distance from 0 to 2, got 3");
    }
}
