using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

/// <summary>
/// Two tiny files made once, by hand, with Python's zlib and struct modules (a deflate stream and
/// a builder independent of this test suite), with the pixels the decoder must produce.
/// </summary>
public sealed class PngFixtureTests
{
    [Theory]
    // 5x4 palette, 2-bit, Adam7, tRNS for 3 of 4 entries, filters cycling 0-4, IDAT split in three.
    [InlineData(5, 4, 4,
        "iVBORw0KGgoAAAANSUhEUgAAAAUAAAAEAgMAAAFMWi1FAAAADFBMVEU5DIx9ckc0LNgQDy9sKi39AAAAA3RSTlMAgP/s97MYAAAACElEQVR42mNwYDzAxKhYLIIAAAAISURBVMD8hCWAYQJj+fH56wAAAApJREFUxQkm7gMAJvAE3VR1gKYAAAAASUVORK5CYII=",
        "7d7247807d724780390c8c007d724780100f2fff7d724780100f2fff342cd8ff390c8c007d724780100f2fff342cd8ff342cd8ff7d7247807d724780342cd8ff390c8c00390c8c00100f2fff390c8c00")]
    // 3x2 RGBA, 16-bit, rows filtered Paeth then Average.
    [InlineData(3, 2, 4,
        "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACEAYAAADN5LpZAAAAPUlEQVR42gEyAM3/BLfMsBqHbxY/NG2PzzpgEhmr4no/oaT7RAO8EByiUfMdu/bZ2uoYI2a5YgBEXMG+ZRE3Kxa4GdchjwAAAABJRU5ErkJggg==",
        "b7af8716ea40c12896b86223177494297734c28ee7ba53bd")]
    public void Decodes_file_made_by_another_implementation(int width, int height, int channels, string png, string pixels)
    {
        var image = PngDecoder.Decode(Convert.FromBase64String(png));

        Assert.Equal((width, height, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(Convert.FromHexString(pixels), image.Pixels);
    }
}
