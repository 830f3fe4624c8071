using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class ImageTensorsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Image_to_tensor_and_back_is_exact(int channels)
    {
        var image = new Image(5, 3, channels);
        new Random(channels).NextBytes(image.Pixels);

        var values = ImageTensors.FromImage(image, channels);
        var back = ImageTensors.ToImage(Tensor.FromArray(values, 1, channels, 3, 5), 0, 0f, 1f);

        Assert.All(values, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal((5, 3, channels), (back.Width, back.Height, back.Channels));
        Assert.Equal(image.Pixels, back.Pixels);
    }

    [Fact]
    public void From_image_gives_planes_and_converts_channels()
    {
        var image = new Image(2, 1, 3, [10, 20, 30, 40, 50, 60]);

        Assert.Equal(new[] { 10, 40, 20, 50, 30, 60 }.Select(v => v / 255f), ImageTensors.FromImage(image, 3));
        Assert.Equal(2, ImageTensors.FromImage(image, 1).Length);
        Assert.Equal(3, ImageTensors.FromImage(new Image(1, 1, 1), 3).Length);
    }

    [Fact]
    public void To_image_maps_the_range_clamps_and_picks_the_index()
    {
        var tensor = Tensor.FromArray([9, 9, 9, 9, 9, 9, -2, -1, 0, 1, 2, float.NaN], 2, 1, 2, 3);

        var image = ImageTensors.ToImage(tensor, 1, -1f, 1f);

        // 0 maps to 127.5, rounded up; NaN becomes 0.
        Assert.Equal(new byte[] { 0, 0, 128, 255, 255, 0 }, image.Pixels);
    }

    [Fact]
    public void To_image_interleaves_rgb_planes()
    {
        var tensor = Tensor.FromArray([0, 1, 1, 0, 0, 0], 1, 3, 1, 2);   // R = [0, 1], G = [1, 0], B = [0, 0]

        Assert.Equal(new byte[] { 0, 255, 0, 255, 0, 0 }, ImageTensors.ToImage(tensor, 0, 0f, 1f).Pixels);
    }

    [Fact]
    public void Bad_tensors_ranges_and_indices_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ImageTensors.ToImage(new Tensor(1, 2, 2, 2), 0, 0, 1));
        Assert.Throws<ArgumentException>(() => ImageTensors.ToImage(new Tensor(1, 2, 2), 0, 0, 1));
        Assert.Throws<ArgumentException>(() => ImageTensors.ToImage(new Tensor(1, 1, 2, 2), 0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageTensors.ToImage(new Tensor(2, 1, 2, 2), 2, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageTensors.Grid(new Tensor(2, 1, 2, 2), 0, 1, 0));
        Assert.Throws<ArgumentException>(() => ImageTensors.Grid(new Tensor(0, 1, 2, 2), 0, 1, 4));
    }

    private static Tensor Filled(int count, int channels, int height, int width)
    {
        var tensor = new Tensor(count, channels, height, width);
        int size = channels * height * width;
        for (int i = 0; i < count; i++)
            tensor.Data.Slice(i * size, size).Fill((i + 1) * 40 / 255f);   // image i is all byte (i + 1) × 40
        return tensor;
    }

    [Fact]
    public void Grid_lays_images_out_row_major_with_padding_around_and_between()
    {
        var grid = ImageTensors.Grid(Filled(5, 1, 2, 3), 0f, 1f, columns: 3, padding: 2, background: 7);

        // 3 columns × 3 + 4 gaps × 2 = 17 wide; 2 rows × 2 + 3 gaps × 2 = 10 high.
        Assert.Equal((17, 10, 1), (grid.Width, grid.Height, grid.Channels));
        for (int y = 0; y < grid.Height; y++)
        {
            for (int x = 0; x < grid.Width; x++)
            {
                int column = (x - 2) / 5, row = (y - 2) / 4;
                bool inCell = x >= 2 && (x - 2) % 5 < 3 && y >= 2 && (y - 2) % 4 < 2;
                int index = row * 3 + column;
                byte expected = inCell && index < 5 ? (byte)((index + 1) * 40) : (byte)7;
                Assert.True(expected == grid.Pixels[y * grid.Width + x], $"pixel ({x}, {y}) is {grid.Pixels[y * grid.Width + x]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void Grid_with_more_columns_than_images_uses_one_row()
    {
        var grid = ImageTensors.Grid(Filled(2, 1, 4, 4), 0f, 1f, columns: 8, padding: 0);

        Assert.Equal((8, 4), (grid.Width, grid.Height));
    }

    [Fact]
    public void Rgb_grid_keeps_three_channels()
    {
        var tensor = Tensor.FromArray([1, 0, 0, 0, 0, 1], 2, 3, 1, 1);   // a red and a blue pixel

        var grid = ImageTensors.Grid(tensor, 0f, 1f, columns: 2, padding: 1, background: 9);

        Assert.Equal((5, 3, 3), (grid.Width, grid.Height, grid.Channels));
        Assert.Equal(new byte[] { 9, 9, 9, 255, 0, 0, 9, 9, 9, 0, 0, 255, 9, 9, 9 }, grid.GetRow(1).ToArray());
        Assert.All(grid.GetRow(0).ToArray(), p => Assert.Equal(9, p));
    }
}
