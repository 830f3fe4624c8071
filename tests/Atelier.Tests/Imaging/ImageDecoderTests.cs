using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class ImageDecoderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Imaging", "Fixtures", "Jpeg", name);

    [Fact]
    public void The_format_is_chosen_by_magic_bytes_not_by_extension()
    {
        var png = new Image(2, 1, 3, [1, 2, 3, 4, 5, 6]);
        var bmp = BmpTestFile.Build(1, 1, 24, [[7, 8, 9]]);
        byte[] jpeg = File.ReadAllBytes(Fixture("grey.jpg"));
        string folder = Directory.CreateTempSubdirectory("atelier-decoder-").FullName;
        try
        {
            // Every file has a misleading extension.
            File.WriteAllBytes(Path.Combine(folder, "a.jpg"), PngEncoder.Encode(png));
            File.WriteAllBytes(Path.Combine(folder, "b.png"), bmp);
            File.WriteAllBytes(Path.Combine(folder, "c.bmp"), jpeg);

            Assert.Equal(png.Pixels, ImageDecoder.Decode(Path.Combine(folder, "a.jpg")).Pixels);
            Assert.Equal(new byte[] { 9, 8, 7 }, ImageDecoder.Decode(Path.Combine(folder, "b.png")).Pixels);
            Assert.Equal(Atelier.Imaging.Jpeg.JpegDecoder.Decode(jpeg).Pixels, ImageDecoder.Decode(Path.Combine(folder, "c.bmp")).Pixels);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Other_data_is_named_as_none_of_the_formats()
    {
        var error = Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode("GIF89a..."u8));

        Assert.Equal("not a PNG, BMP or JPEG image (its first bytes match none of them)", error.Message);
    }

    [Theory]
    [InlineData("a.PNG", true)]
    [InlineData("b.Jpeg", true)]
    [InlineData("c.jpg", true)]
    [InlineData("d.bmp", true)]
    [InlineData("e.gif", false)]
    [InlineData("png", false)]
    public void Image_extensions_are_recognised_in_any_case(string path, bool expected) =>
        Assert.Equal(expected, ImageDecoder.HasImageExtension(path));
}
