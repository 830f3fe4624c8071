namespace Atelier.Imaging;

/// <summary>
/// Conversions between images and (N, C, H, W) float tensors with C = 1 (grey) or 3 (RGB), planes
/// stored one after another. Tensor values in [low, high] map linearly onto bytes 0 to 255, rounded
/// to nearest; values outside are clamped, and NaN becomes 0.
/// </summary>
public static class ImageTensors
{
    /// <summary>Image <paramref name="index"/> of <paramref name="images"/>, (N, C, H, W), with [<paramref name="low"/>, <paramref name="high"/>] mapped to 0 to 255.</summary>
    /// <exception cref="ArgumentException">The tensor is not (N, 1 or 3, H, W), or <paramref name="high"/> is not above <paramref name="low"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0 to N − 1.</exception>
    public static Image ToImage(Tensor images, int index, float low, float high)
    {
        var (count, channels, height, width) = CheckImages(images);
        CheckRange(low, high);
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), $"Image index {index} is outside the batch of {count}.");
        var image = new Image(width, height, channels);
        Write(images.Data.Slice(index * channels * height * width, channels * height * width), width, height, low, high, image, 0, 0);
        return image;
    }

    /// <summary>
    /// The pixels of <paramref name="image"/> as <paramref name="channels"/> planes (C, H, W) of
    /// values in [0, 1] (byte / 255), converted with <see cref="ImageChannels.Convert"/> first
    /// when the image has other channels (alpha composited over black).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is neither 1 nor 3.</exception>
    public static float[] FromImage(Image image, int channels)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels != channels)
            image = ImageChannels.Convert(image, channels);
        var values = new float[image.Pixels.Length];   // (C, H, W)
        WritePlanes(image, values);
        return values;
    }

    /// <summary>Every image of (N, C, H, W) <paramref name="images"/>, in order (frames of an animation, separate files).</summary>
    public static IReadOnlyList<Image> ToImages(Tensor images, float low, float high) =>
        Enumerable.Range(0, CheckImages(images).Count).Select(i => ToImage(images, i, low, high)).ToList();

    /// <summary>A <see cref="Grid"/> as close to square as the count allows: ceil(sqrt(N)) columns.</summary>
    public static Image SquareGrid(Tensor images, float low, float high) =>
        Grid(images, low, high, columns: Math.Max(1, (int)Math.Ceiling(Math.Sqrt(CheckImages(images).Count))));

    /// <summary>
    /// All N images of <paramref name="images"/>, (N, C, H, W), laid out row by row in
    /// <paramref name="columns"/> columns (fewer when N is smaller) with <paramref name="padding"/>
    /// pixels of <paramref name="background"/> between neighbours and around the edge; cells after
    /// the last image are background too. The result is W' = cols × W + (cols + 1) × padding wide,
    /// H' = rows × H + (rows + 1) × padding high, with C channels (grey stays grey).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not (N ≥ 1, 1 or 3, H, W), the value range is empty, or the grid is too large.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is below 1 or <paramref name="padding"/> negative.</exception>
    public static Image Grid(Tensor images, float low, float high, int columns, int padding = 2, byte background = 0)
    {
        var (count, channels, height, width) = CheckImages(images);
        CheckRange(low, high);
        if (columns < 1)
            throw new ArgumentOutOfRangeException(nameof(columns), $"A grid needs at least 1 column, got {columns}.");
        if (padding < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), $"Grid padding cannot be negative, got {padding}.");
        if (count == 0)
            throw new ArgumentException("Cannot make a grid of 0 images.", nameof(images));
        columns = Math.Min(columns, count);
        int rows = (count + columns - 1) / columns;
        long gridWidth = (long)columns * width + (columns + 1L) * padding;
        long gridHeight = (long)rows * height + (rows + 1L) * padding;
        if (gridWidth > int.MaxValue || gridHeight > int.MaxValue || gridWidth * gridHeight * channels > Array.MaxLength)
            throw new ArgumentException($"A grid of {count} images of {width}x{height} in {columns} columns would be {gridWidth}x{gridHeight} pixels, too large for one image; use fewer images.", nameof(images));

        var grid = new Image((int)gridWidth, (int)gridHeight, channels);
        grid.Pixels.AsSpan().Fill(background);
        int size = channels * height * width;
        for (int i = 0; i < count; i++)
        {
            int x = padding + i % columns * (width + padding), y = padding + i / columns * (height + padding);
            Write(images.Data.Slice(i * size, size), width, height, low, high, grid, x, y);
        }
        return grid;
    }

    /// <summary>Copies <paramref name="image"/>'s bytes into <paramref name="planes"/> as (C, H, W) values byte / 255.</summary>
    internal static void WritePlanes(Image image, Span<float> planes)
    {
        int channels = image.Channels, pixels = image.Width * image.Height;
        var bytes = image.Pixels;
        for (int c = 0; c < channels; c++)
        {
            var plane = planes.Slice(c * pixels, pixels);
            for (int p = 0; p < pixels; p++)
                plane[p] = bytes[p * channels + c] / 255f;
        }
    }

    /// <summary>Writes planes (C, H, W) of a width × height image into <paramref name="target"/> with its top-left corner at (x, y).</summary>
    private static void Write(ReadOnlySpan<float> planes, int width, int height, float low, float high, Image target, int x, int y)
    {
        int channels = target.Channels, pixels = width * height;
        float scale = 255f / (high - low);
        for (int row = 0; row < height; row++)
        {
            var output = target.GetRow(y + row).Slice(x * channels, width * channels);
            for (int c = 0; c < channels; c++)
            {
                var input = planes.Slice(c * pixels + row * width, width);
                for (int i = 0; i < width; i++)
                    output[i * channels + c] = ToByte((input[i] - low) * scale);
            }
        }
    }

    private static byte ToByte(float value) =>
        value >= 255f ? (byte)255 : value > 0f ? (byte)(value + 0.5f) : (byte)0;   // NaN fails both tests: 0

    private static (int Count, int Channels, int Height, int Width) CheckImages(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Rank != 4 || images.Shape[1] is not (1 or 3))
            throw new ArgumentException($"Expected images as (N, C, H, W) with C = 1 (grey) or 3 (RGB), got shape [{string.Join(", ", images.Shape)}].", nameof(images));
        if (images.Shape[2] == 0 || images.Shape[3] == 0)
            throw new ArgumentException($"Images of shape [{string.Join(", ", images.Shape)}] have no pixels.", nameof(images));
        return (images.Shape[0], images.Shape[1], images.Shape[2], images.Shape[3]);
    }

    private static void CheckRange(float low, float high)
    {
        if (!float.IsFinite(low) || !float.IsFinite(high) || !(high > low))
            throw new ArgumentException($"The value range [{low}, {high}] must be finite with high above low, e.g. [-1, 1] for tanh outputs or [0, 1] for sigmoid.");
    }
}
