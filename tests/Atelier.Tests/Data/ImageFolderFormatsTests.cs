using Atelier.Data;
using Atelier.Imaging;
using Atelier.Tests.Imaging;

namespace Atelier.Tests.Data;

public sealed class ImageFolderFormatsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("atelier-formats-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder => Path.Combine(_root, "images");

    private string Cache => Path.Combine(_root, "cache");

    private ImageFolderOptions Cached => new() { CacheDirectory = Cache };

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] GreyPng(int width, int height, Func<int, int, byte> value)
    {
        var image = new Image(width, height, 1);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image.Pixels[y * width + x] = value(x, y);
        return PngEncoder.Encode(image);
    }

    [Fact]
    public void Bmp_and_jpeg_files_are_read_beside_png()
    {
        string fixtures = Path.Combine(AppContext.BaseDirectory, "Imaging", "Fixtures", "Jpeg");
        Write("a/photo.JPEG", File.ReadAllBytes(Path.Combine(fixtures, "ycbcr444.jpg")));
        Write("b/reference.png", File.ReadAllBytes(Path.Combine(fixtures, "ycbcr444.png")));
        Write("c/pixel.bmp", BmpTestFile.Build(1, 1, 24, [[30, 20, 10]]));

        var dataset = ImageFolder.Load(Folder, 8, 3, new ImageFolderOptions { UseCache = false });

        Assert.Equal(new[] { "a", "b", "c" }, dataset.ClassNames);
        var images = dataset.Data.Images;
        for (int i = 0; i < 3 * 64; i++)
            Assert.InRange(Math.Abs(images.Data[i] - images.Data[3 * 64 + i]), 0f, 3.5f / 255);
        Assert.Equal(new[] { 10f, 20f, 30f }.Select(v => v / 255f), new[] { images[2, 0, 4, 4], images[2, 1, 4, 4], images[2, 2, 4, 4] });
    }

    [Fact]
    public void Bilinear_resampling_is_used_when_asked()
    {
        byte[] png = GreyPng(12, 12, (x, y) => (byte)((x + y) % 3 == 0 ? 240 : 10));
        Write("checks.png", png);

        var area = ImageFolder.Load(Folder, 4, 1, new ImageFolderOptions { UseCache = false }).Data.Images;
        var bilinear = ImageFolder.Load(Folder, 4, 1, new ImageFolderOptions { UseCache = false, Resampling = Resampling.Bilinear }).Data.Images;

        var expected = Resize.Bilinear(PngDecoder.Decode(png), 4, 4).Pixels.Select(b => b / 255f);
        Assert.Equal(expected, bilinear.Data.ToArray());
        Assert.NotEqual(area.Data.ToArray(), bilinear.Data.ToArray());
    }

    [Fact]
    public void A_second_load_of_an_unchanged_folder_reads_the_cache()
    {
        string a = Write("a.png", GreyPng(4, 4, (x, y) => 100));
        Write("b.png", GreyPng(4, 4, (x, y) => (byte)(10 * x)));
        var first = ImageFolder.Load(Folder, 4, 1, Cached).Data.Images.Data.ToArray();
        Assert.Single(Directory.GetFiles(Cache));

        // Same length and last-write time, other pixels: only a cache read can still give 100.
        var written = File.GetLastWriteTimeUtc(a);
        byte[] other = GreyPng(4, 4, (x, y) => 101);
        Assert.Equal(new FileInfo(a).Length, other.Length);
        File.WriteAllBytes(a, other);
        File.SetLastWriteTimeUtc(a, written);
        var second = ImageFolder.Load(Folder, 4, 1, Cached).Data.Images.Data.ToArray();

        Assert.Equal(first, second);
        Assert.Equal(100 / 255f, second[0]);
    }

    [Fact]
    public void Changed_added_or_removed_files_invalidate_the_cache()
    {
        string a = Write("a.png", GreyPng(4, 4, (x, y) => 100));
        ImageFolder.Load(Folder, 4, 1, Cached);

        File.WriteAllBytes(a, GreyPng(4, 4, (x, y) => 200));
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(200 / 255f, ImageFolder.Load(Folder, 4, 1, Cached).Data.Images[0, 0, 0, 0]);

        string b = Write("b.png", GreyPng(4, 4, (x, y) => 50));
        Assert.Equal(2, ImageFolder.Load(Folder, 4, 1, Cached).Data.Count);

        File.Delete(b);
        Assert.Equal(1, ImageFolder.Load(Folder, 4, 1, Cached).Data.Count);
        // Other sizes are other entries.
        Assert.Equal(new[] { 1, 1, 2, 2 }, ImageFolder.Load(Folder, 2, 1, Cached).Data.Images.Shape);
    }

    [Fact]
    public void A_damaged_cache_file_is_ignored_and_rewritten()
    {
        Write("a.png", GreyPng(4, 4, (x, y) => (byte)(x * 60)));
        var first = ImageFolder.Load(Folder, 4, 1, Cached).Data.Images.Data.ToArray();
        string cacheFile = Directory.GetFiles(Cache).Single();
        byte[] good = File.ReadAllBytes(cacheFile);

        byte[] flipped = (byte[])good.Clone();
        flipped[^1] ^= 0xFF;
        File.WriteAllBytes(cacheFile, flipped);
        Assert.Equal(first, ImageFolder.Load(Folder, 4, 1, Cached).Data.Images.Data.ToArray());
        Assert.Equal(good, File.ReadAllBytes(cacheFile));

        File.WriteAllBytes(cacheFile, good[..10]);
        Assert.Equal(first, ImageFolder.Load(Folder, 4, 1, Cached).Data.Images.Data.ToArray());
        Assert.Equal(good, File.ReadAllBytes(cacheFile));
    }

    [Fact]
    public void Without_the_cache_nothing_is_written()
    {
        Write("a.png", GreyPng(4, 4, (x, y) => 1));

        ImageFolder.Load(Folder, 4, 1, Cached with { UseCache = false });

        Assert.False(Directory.Exists(Cache));
    }
}
