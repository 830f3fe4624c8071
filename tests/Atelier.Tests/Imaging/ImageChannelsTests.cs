using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class ImageChannelsTests
{
    [Fact]
    public void Grey_of_colour_is_bt601_luma()
    {
        var image = new Image(4, 1, 3, [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);

        // 0.299 × 255 = 76.2, 0.587 × 255 = 149.7, 0.114 × 255 = 29.1.
        Assert.Equal(new byte[] { 76, 150, 29, 255 }, ImageChannels.ToGrey(image).Pixels);
    }

    [Fact]
    public void Alpha_is_composited_over_black_unless_told_otherwise()
    {
        var image = new Image(3, 1, 4, [255, 255, 255, 128, 0, 0, 0, 0, 200, 200, 200, 255]);

        Assert.Equal(new byte[] { 128, 0, 200 }, ImageChannels.ToGrey(image).Pixels);
        Assert.Equal(new byte[] { 255, 255, 200 }, ImageChannels.ToGrey(image, background: 255).Pixels);
        Assert.Equal(new byte[] { 128, 128, 128, 0, 0, 0, 200, 200, 200 }, ImageChannels.ToRgb(image).Pixels);
    }

    [Fact]
    public void Rgb_of_grey_replicates_and_copies_are_new_images()
    {
        var grey = new Image(2, 1, 1, [7, 9]);
        var rgb = new Image(1, 1, 3, [1, 2, 3]);

        Assert.Equal(new byte[] { 7, 7, 7, 9, 9, 9 }, ImageChannels.ToRgb(grey).Pixels);
        Assert.NotSame(grey.Pixels, ImageChannels.ToGrey(grey).Pixels);
        Assert.Equal(rgb.Pixels, ImageChannels.ToRgb(rgb).Pixels);
        Assert.NotSame(rgb.Pixels, ImageChannels.ToRgb(rgb).Pixels);
    }

    [Fact]
    public void Convert_accepts_only_grey_or_rgb()
    {
        var image = new Image(1, 1, 3);

        Assert.Equal(1, ImageChannels.Convert(image, 1).Channels);
        Assert.Equal(3, ImageChannels.Convert(image, 3).Channels);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ImageChannels.Convert(image, 4));
        Assert.Contains("1 (grey) or 3 (RGB)", ex.Message);
    }
}
