using Atelier.Data;
using Atelier.Imaging;

namespace Atelier.Tests.Data;

public sealed class ImageManifestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("atelier-manifest-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string P(string relative) => Path.Combine(_root, relative);

    private void Png(string relative, byte value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(P(relative))!);
        var image = new Image(4, 4, 1);
        Array.Fill(image.Pixels, value);
        File.WriteAllBytes(P(relative), PngEncoder.Encode(image));
    }

    private string Manifest(string text)
    {
        File.WriteAllText(P("manifest.txt"), text);
        return P("manifest.txt");
    }

    [Fact]
    public void Loads_exactly_the_listed_images_with_their_classes_in_order()
    {
        Png("pics/dogs/a.png", 10);
        Png("pics/cats/b.png", 20);
        Png("pics/cats/c.png", 30);
        Png("pics/cats/left-out.png", 40);
        var manifest = Manifest("# atelier manifest v1\nroot: pics\n# a comment\n\ndogs/a.png\tdogs\ncats/c.png\tcats\ncats/b.png\tcats\n");

        var dataset = ImageFolder.LoadManifest(manifest, 2, 1);

        Assert.Equal(new[] { "cats", "dogs" }, dataset.ClassNames);
        Assert.Equal(new[] { 1, 0, 0 }, dataset.Data.Labels);
        Assert.Equal(new[] { 10, 30, 20 }.Select(v => v / 255f), Enumerable.Range(0, 3).Select(i => dataset.Data.Images[i, 0, 1, 1]));
    }

    [Fact]
    public void Written_manifests_read_back_with_a_root_relative_to_the_manifest()
    {
        Png("pics/x.png", 1);
        Png("pics/sub/y.png", 2);
        var written = new ImageManifest(P("pics"), [new("x.png", null), new("sub/y.png", null)]);
        Directory.CreateDirectory(P("out"));
        written.Write(P("out/manifest.txt"), ["two images"]);

        Assert.Equal("# atelier manifest v1\nroot: ../pics\n# two images\nx.png\nsub/y.png\n", File.ReadAllText(P("out/manifest.txt")));
        var read = ImageManifest.Read(P("out/manifest.txt"));
        Assert.Equal(P("pics"), read.Root);
        Assert.Equal(written.Entries, read.Entries);
        Assert.True(ImageManifest.IsManifest(P("out/manifest.txt")));
        Assert.False(ImageManifest.IsManifest(P("pics/x.png")));
    }

    [Theory]
    [InlineData("hello\n", "is not an atelier manifest v1: its first line should be '# atelier manifest v1', found 'hello'")]
    [InlineData("# atelier manifest v1\ndogs/a.png\n", "line 2 should name the image folder as 'root: FOLDER'")]
    [InlineData("# atelier manifest v1\nroot: moved-away\na.png\n", "its root folder moved-away")]
    [InlineData("# atelier manifest v1\nroot: pics\ndogs/a.png\tdogs\ndogs/gone.png\tdogs\n", "lists dogs/gone.png, which is not in pics")]
    [InlineData("# atelier manifest v1\nroot: pics\ndogs/a.png\tdogs\textra\n", "line 3 is not 'PATH' or 'PATH<tab>CLASS'")]
    [InlineData("# atelier manifest v1\nroot: pics\n/etc/passwd\n", "line 3 is not 'PATH' or 'PATH<tab>CLASS'")]
    [InlineData("# atelier manifest v1\nroot: pics\n# nothing\n", "lists no images")]
    [InlineData("# atelier manifest v1\nroot: pics\ndogs/a.png\tdogs\ndogs/a.png\tdogs\n", "dogs/a.png is listed twice")]
    [InlineData("# atelier manifest v1\nroot: pics\ndogs/a.png\tdogs\ndogs/b.png\n", "some images have a class and some do not")]
    public void Damaged_manifests_are_rejected_in_one_line(string text, string phrase)
    {
        Png("pics/dogs/a.png", 10);
        Png("pics/dogs/b.png", 10);
        var error = Assert.Throws<DatasetFormatException>(() => ImageManifest.Read(Manifest(text)));
        Assert.Contains(phrase, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
