using Atelier.Data;
using Atelier.Imaging;

namespace Atelier.Tests.Data;

public sealed class ImageFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("atelier-folder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Png(string relativePath, int width, int height, params byte[] pixel)
    {
        string path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var image = new Image(width, height, pixel.Length);
        for (int i = 0; i < image.Pixels.Length; i++)
            image.Pixels[i] = pixel[i % pixel.Length];
        File.WriteAllBytes(path, PngEncoder.Encode(image));
        return path;
    }

    private string Text(string relativePath, string text)
    {
        string path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Class_sub_folders_give_sorted_class_names_and_labels()
    {
        Png("dogs/b.png", 8, 8, 30);
        Png("cats/z.PNG", 8, 8, 20);
        Png("cats/a.png", 8, 8, 10);
        Png("cats/more/c.png", 8, 8, 40);
        Text("cats/notes.txt", "not an image");
        Text("README", "skipped");
        Directory.CreateDirectory(Path.Combine(_root, "empty"));

        var dataset = ImageFolder.Load(_root, 4, 1);

        Assert.Equal(new[] { "cats", "dogs" }, dataset.ClassNames);
        Assert.Equal(new[] { 0, 0, 0, 1 }, dataset.Data.Labels);
        Assert.Equal(
            new[] { "cats/a.png", "cats/more/c.png", "cats/z.PNG", "dogs/b.png" },
            dataset.Files.Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/')));
        Assert.Equal(new[] { 4, 1, 4, 4 }, dataset.Data.Images.Shape);
        var images = dataset.Data.Images;
        Assert.Equal(new[] { 10, 40, 20, 30 }.Select(v => v / 255f), Enumerable.Range(0, 4).Select(i => images[i, 0, 3, 3]));
    }

    [Fact]
    public void Images_directly_in_the_folder_are_unlabelled()
    {
        Png("b.png", 6, 6, 50);
        Png("a.png", 6, 6, 100);
        Text(".hidden.png", "hidden files are skipped");

        var dataset = ImageFolder.Load(_root, 6, 1);

        Assert.Null(dataset.Data.Labels);
        Assert.Empty(dataset.ClassNames);
        Assert.Equal(new[] { "a.png", "b.png" }, dataset.Files.Select(Path.GetFileName));
        Assert.All(dataset.Data.Images.ToArray()[..36], v => Assert.Equal(100 / 255f, v));
    }

    [Fact]
    public void Images_are_converted_to_the_requested_channels()
    {
        Png("red.png", 4, 4, 255, 0, 0);
        Png("shade.png", 4, 4, 60);
        Png("ghost.png", 4, 4, 255, 255, 255, 0);

        var grey = ImageFolder.Load(_root, 4, 1);
        var rgb = ImageFolder.Load(_root, 4, 3);

        // Files in order ghost, red, shade. Transparent white over black is black; red has luma 76.
        Assert.Equal(new[] { 0f, 76 / 255f, 60 / 255f }, Enumerable.Range(0, 3).Select(i => grey.Data.Images[i, 0, 1, 2]));
        Assert.Equal(new[] { 3, 3, 4, 4 }, rgb.Data.Images.Shape);
        Assert.Equal(new[] { 1f, 0f, 0f }, Enumerable.Range(0, 3).Select(c => rgb.Data.Images[1, c, 2, 1]));
        Assert.Equal(new[] { 60 / 255f, 60 / 255f, 60 / 255f }, Enumerable.Range(0, 3).Select(c => rgb.Data.Images[2, c, 0, 0]));
    }

    [Fact]
    public void Images_are_scaled_and_centre_cropped_to_squares()
    {
        string path = Path.Combine(_root, "wide.png");
        var image = new Image(12, 4, 1);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 12; x++)
                image.Pixels[y * 12 + x] = (byte)(x is >= 4 and < 8 ? 200 : 0);
        }
        File.WriteAllBytes(path, PngEncoder.Encode(image));

        var dataset = ImageFolder.Load(_root, 2, 1);

        Assert.Equal(new[] { 1, 1, 2, 2 }, dataset.Data.Images.Shape);
        Assert.All(dataset.Data.Images.ToArray(), v => Assert.Equal(200 / 255f, v));
    }

    [Fact]
    public void A_missing_folder_is_reported()
    {
        string missing = Path.Combine(_root, "nope");

        var ex = Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Load(missing, 8, 1));

        Assert.Contains(missing, ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void A_folder_without_images_is_reported()
    {
        Text("notes.txt", "no images here");
        Directory.CreateDirectory(Path.Combine(_root, "class"));

        var ex = Assert.Throws<DatasetFormatException>(() => ImageFolder.Load(_root, 8, 1));

        Assert.StartsWith(_root + ": ", ex.Message);
        Assert.Contains("no PNG, BMP or JPEG images found", ex.Message);
        Assert.Contains("one sub-folder per class", ex.Message);
    }

    [Fact]
    public void A_corrupt_image_is_reported_with_its_file_and_the_reason()
    {
        Png("cats/good.png", 4, 4, 1);
        string bad = Text("cats/bad.png", "this is not a PNG");
        string good = Png("dogs/fine.png", 4, 4, 2);
        byte[] bytes = File.ReadAllBytes(good);
        string truncated = Path.Combine(_root, "dogs", "truncated.png");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<DatasetFormatException>(() => ImageFolder.Load(_root, 4, 1));

        // The first bad file in load order is reported, whichever thread decoded it.
        Assert.StartsWith(bad + ": ", ex.Message);
        Assert.Contains("cannot be read as an image: not a PNG, BMP or JPEG image", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);

        File.Delete(bad);
        var second = Assert.Throws<DatasetFormatException>(() => ImageFolder.Load(_root, 4, 1));
        Assert.StartsWith(truncated + ": ", second.Message);
    }

    [Fact]
    public void Mixing_top_level_images_with_class_folders_is_rejected()
    {
        Png("loose.png", 4, 4, 1);
        Png("cats/a.png", 4, 4, 1);

        var ex = Assert.Throws<DatasetFormatException>(() => ImageFolder.Load(_root, 4, 1));

        Assert.Contains("both at the top level", ex.Message);
    }

    [Fact]
    public void Limits_and_arguments_are_checked()
    {
        Png("a.png", 4, 4, 1);
        Png("b.png", 4, 4, 1);

        var ex = Assert.Throws<DatasetFormatException>(() => ImageFolder.Load(_root, 4, 1, new ImageFolderOptions { MaxImages = 1 }));
        Assert.Contains("more than the limit of 1", ex.Message);
        var tooBig = Assert.Throws<DatasetFormatException>(() => ImageFolder.Load(_root, 40_000, 3));
        Assert.Contains("more than one tensor can hold", tooBig.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.Load(_root, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.Load(_root, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageFolderOptions { MaxImages = 0 });
    }
}
