using Atelier.Data;
using Atelier.Data.Doctor;
using Atelier.Models;
using Atelier.Training;

namespace Atelier.Tests.Data.Doctor;

public sealed class DatasetDoctorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atelier-doctor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Pets => Path.Combine(_dir, "pets");

    [Fact]
    public void Planted_problems_are_named_and_the_manifest_leaves_them_out()
    {
        PlantedFolder.Write(Pets);

        var check = DatasetDoctor.Check(Pets);

        Assert.Equal(PlantedFolder.Unusable, check.Unusable.Select(i => (i.Path, i.Kind.ToString())));
        Assert.StartsWith("truncated PNG: ", check.Unusable[1].Reason);
        Assert.Equal("empty file (0 bytes)", check.Unusable[0].Reason);
        Assert.Equal("not an image: the file holds text", check.Unusable[3].Reason);
        Assert.StartsWith("corrupt JPEG: ", check.Unusable[2].Reason);
        var warning = Assert.Single(check.Warnings);
        Assert.Equal(("dogs/d06.jpg", FileIssueKind.WrongExtension), (warning.Path, warning.Kind));
        Assert.Equal("named .jpg but holds a PNG image; rename it to .png", warning.Reason);

        Assert.Equal(2, check.Duplicates.Count);
        Assert.True(check.Duplicates[0].Exact);
        Assert.Equal(new[] { "birds/b03.png", "birds/b03z.bmp" }, check.Duplicates[0].Files);
        Assert.False(check.Duplicates[1].Exact);
        Assert.Equal(new[] { "cats/c02.png", "cats/c02x.png" }, check.Duplicates[1].Files);
        Assert.InRange(check.Duplicates[1].MaxDistance, 1e-3, DatasetDoctorOptions.Default.NearThreshold);

        Assert.Equal("readme.txt", Assert.Single(check.Ignored));
        Assert.Equal(PlantedFolder.Distinct + 2 + PlantedFolder.Unusable.Length, check.ImageFiles);
        Assert.Equal(("24x24", PlantedFolder.Distinct + 2), (Assert.Single(check.Sizes).Value, check.Sizes[0].Count));
        Assert.Equal(("grey", PlantedFolder.Distinct + 1), (check.Modes[0].Value, check.Modes[0].Count));
        Assert.Equal(("RGB", 1), (check.Modes[1].Value, check.Modes[1].Count));
        Assert.Equal("birds/b03z.bmp", Assert.Single(check.Modes[1].Outliers));
        Assert.Equal(
            [new ClassCount("birds", 6, false), new ClassCount("cats", 7, false), new ClassCount("dogs", 7, false), new ClassCount("fish", 1, true)],
            check.Classes);

        var paths = check.Manifest.Entries.Select(e => e.Path).ToList();
        Assert.Equal(PlantedFolder.Distinct, paths.Count);
        Assert.DoesNotContain("birds/b03z.bmp", paths);
        Assert.DoesNotContain("cats/c02x.png", paths);
        Assert.Contains("dogs/d06.jpg", paths);
        Assert.All(check.Manifest.Entries, e => Assert.Equal(e.Path.Split('/')[0], e.Class));
    }

    [Fact]
    public void Training_data_from_the_written_manifest_holds_exactly_the_clean_images()
    {
        PlantedFolder.Write(Pets);
        var output = Path.Combine(_dir, "check");
        DatasetCheckReport.Write(DatasetDoctor.Check(Pets), output);
        string manifest = Path.Combine(output, "manifest.txt");
        Assert.StartsWith("# atelier manifest v1\nroot: ../pets\n", File.ReadAllText(manifest));
        Assert.Contains("left out cats/c02x.png: near duplicate of cats/c02.png", File.ReadAllText(manifest));

        var spec = new ModelSpec("test", ModelFamily.Gan, "a test model", LatentDim: 8, 1, 8, DefaultBatch: 16, DefaultLearningRate: 1e-3f);
        var data = TrainingData.Load(manifest, spec);

        Assert.Equal(PlantedFolder.Distinct, data.Train.Count + data.HeldOut.Count);
        Assert.Equal(PlantedFolder.Classes, data.ClassNames);
        var labels = data.Train.Labels!.Concat(data.HeldOut.Labels!).ToArray();
        Assert.Equal(new[] { 6, 7, 7, 1 }, Enumerable.Range(0, 4).Select(c => labels.Count(l => l == c)));
    }

    [Fact]
    public void A_flat_folder_gives_an_unlabelled_manifest()
    {
        PlantedFolder.Write(Pets);
        var check = DatasetDoctor.Check(Path.Combine(Pets, "cats"));
        Assert.False(check.Labelled);
        Assert.Empty(check.Classes);
        Assert.Equal(new[] { "c00.png", "c01.png", "c02.png", "c03.png", "c04.png", "c05.png", "c06.png" }, check.Manifest.Entries.Select(e => e.Path));
        Assert.All(check.Manifest.Entries, e => Assert.Null(e.Class));
    }
}
