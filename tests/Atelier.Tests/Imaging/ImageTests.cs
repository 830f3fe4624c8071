using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class ImageTests
{
    [Fact]
    public void Constructor_allocates_and_exposes_rows()
    {
        var image = new Image(3, 2, 4);
        image.GetRow(1)[0] = 9;

        Assert.Equal((3, 2, 4, 12, 24), (image.Width, image.Height, image.Channels, image.Stride, image.Pixels.Length));
        Assert.Equal(9, image.Pixels[12]);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 2)]
    [InlineData(1, 1, 5)]
    public void Invalid_shapes_are_rejected(int width, int height, int channels) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Image(width, height, channels));

    [Fact]
    public void Pixel_buffer_must_match_the_shape()
    {
        Assert.Throws<ArgumentException>(() => new Image(2, 2, 3, new byte[11]));
        Assert.Throws<ArgumentException>(() => new Image(65536, 65536, 4));
    }
}
