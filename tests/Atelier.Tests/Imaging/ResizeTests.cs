using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class ResizeTests
{
    private static Image Grey(int width, int height, Func<int, int, int> value)
    {
        var image = new Image(width, height, 1);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
                image.Pixels[y * width + x] = (byte)value(x, y);
        }
        return image;
    }

    [Fact]
    public void Area_downscale_averages_each_block_exactly()
    {
        var image = Grey(4, 4, (x, y) => 10 * (4 * y + x));   // 0, 10, ..., 150 row by row

        var small = Resize.Area(image, 2, 2);

        Assert.Equal((2, 2, 1), (small.Width, small.Height, small.Channels));
        // (0 + 10 + 40 + 50) / 4 = 25, (20 + 30 + 60 + 70) / 4 = 45, ...
        Assert.Equal(new byte[] { 25, 45, 105, 125 }, small.Pixels);
    }

    [Fact]
    public void Area_downscale_keeps_colour_channels_apart()
    {
        var image = new Image(2, 2, 3, [10, 20, 30, 50, 60, 70, 90, 100, 110, 130, 140, 150]);

        var one = Resize.Area(image, 1, 1);

        Assert.Equal(new byte[] { 70, 80, 90 }, one.Pixels);
    }

    [Fact]
    public void Area_downscale_by_a_fractional_ratio_weights_partial_pixels()
    {
        var image = new Image(3, 1, 1, [0, 90, 180]);

        var small = Resize.Area(image, 2, 1);

        // Output 0 covers source [0, 1.5): (0 × 1 + 90 × 0.5) / 1.5 = 30; output 1: (90 × 0.5 + 180) / 1.5 = 150.
        Assert.Equal(new byte[] { 30, 150 }, small.Pixels);
    }

    [Fact]
    public void Bilinear_upscale_of_a_gradient_interpolates_between_pixel_centres()
    {
        var row = new Image(2, 1, 1, [0, 255]);
        var column = new Image(1, 2, 1, [0, 255]);

        // Sample points at -0.25 (clamped), 0.25, 0.75, 1.25 (clamped): 0, 63.75, 191.25, 255.
        Assert.Equal(new byte[] { 0, 64, 191, 255 }, Resize.Area(row, 4, 1).Pixels);
        Assert.Equal(new byte[] { 0, 64, 191, 255 }, Resize.Area(column, 1, 4).Pixels);
    }

    [Fact]
    public void Shrinking_one_axis_while_growing_the_other_combines_both_filters()
    {
        var image = Grey(4, 2, (x, y) => y == 0 ? 40 * x : 200);   // rows 0, 40, 80, 120 and 200 × 4

        var resized = Resize.Area(image, 2, 4);

        // Columns average in pairs (20, 100 and 200, 200); rows interpolate at 0 (clamped), 0.25, 0.75, 1 (clamped).
        Assert.Equal(new byte[] { 20, 100, 65, 125, 155, 175, 200, 200 }, resized.Pixels);
    }

    [Fact]
    public void Same_size_gives_an_equal_copy()
    {
        var image = Grey(3, 2, (x, y) => x + 7 * y);

        var copy = Resize.Area(image, 3, 2);

        Assert.NotSame(image.Pixels, copy.Pixels);
        Assert.Equal(image.Pixels, copy.Pixels);
    }

    [Fact]
    public void Transparent_pixels_do_not_bleed_their_colour()
    {
        var image = new Image(2, 1, 4, [255, 0, 0, 255, 0, 255, 0, 0]);   // opaque red, invisible green

        var one = Resize.Area(image, 1, 1);

        Assert.Equal(new byte[] { 255, 0, 0, 128 }, one.Pixels);
    }

    [Fact]
    public void Center_crop_takes_the_middle_with_the_odd_pixel_on_the_right_and_bottom()
    {
        var image = Grey(5, 4, (x, y) => x + 10 * y);

        Assert.Equal(new byte[] { 11, 12, 13, 21, 22, 23 }, Resize.CenterCrop(image, 3, 2).Pixels);
        Assert.Equal(new byte[] { 11, 12, 21, 22 }, Resize.CenterCrop(image, 2, 2).Pixels);
        Assert.Equal(image.Pixels, Resize.CenterCrop(image, 5, 4).Pixels);
    }

    [Fact]
    public void Center_crop_larger_than_the_image_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Resize.CenterCrop(new Image(4, 4, 1), 5, 2));

        Assert.Contains("5x2", ex.Message);
        Assert.Contains("4x4", ex.Message);
    }

    [Theory]
    [InlineData(40, 20)]
    [InlineData(20, 40)]
    public void To_square_scales_the_short_side_and_crops_the_long_one(int width, int height)
    {
        // The long side has 10 pixels of 0 and of 200 at its ends, 100 in the middle: the crop keeps only the middle.
        var image = Grey(width, height, (x, y) => (width > height ? x : y) switch { < 10 => 0, < 30 => 100, _ => 200 });

        var square = Resize.ToSquare(image, 16);

        Assert.Equal((16, 16, 1), (square.Width, square.Height, square.Channels));
        Assert.All(square.Pixels, p => Assert.Equal(100, p));
    }

    [Fact]
    public void To_square_upscales_small_images()
    {
        var square = Resize.ToSquare(new Image(2, 3, 3), 5);

        Assert.Equal((5, 5, 3), (square.Width, square.Height, square.Channels));
    }

    [Fact]
    public void Non_positive_sizes_are_rejected()
    {
        var image = new Image(4, 4, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.Area(image, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.CenterCrop(image, 2, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.ToSquare(image, 0));
    }

    [Fact]
    public void Bilinear_shrinking_samples_between_pixel_centres_without_averaging()
    {
        // 6x3 to 2x1: columns sample x = (o + 0.5) * 3 - 0.5 = 1 and 4, the row y = 0.5 * 3 - 0.5 = 1.
        var image = Grey(6, 3, (x, y) => y == 1 ? new[] { 0, 100, 0, 0, 200, 0 }[x] : 7);

        var small = Resize.Bilinear(image, 2, 1);

        Assert.Equal(new byte[] { 100, 200 }, small.Pixels);
        // Area averaging of the same image: (6 x 7 + 100) / 9 = 15.8 and (6 x 7 + 200) / 9 = 26.9.
        Assert.Equal(new byte[] { 16, 27 }, Resize.Area(image, 2, 1).Pixels);
    }

    [Fact]
    public void Bilinear_growing_interpolates_with_clamped_edges()
    {
        // 2 to 4: x = (o + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        var image = Grey(2, 1, (x, _) => 100 * x);

        Assert.Equal(new byte[] { 0, 25, 75, 100 }, Resize.Bilinear(image, 4, 1).Pixels);
        Assert.Equal(Resize.Area(image, 4, 1).Pixels, Resize.To(image, 4, 1, Resampling.Bilinear).Pixels);
    }
}
