namespace Atelier.Models;

/// <summary>
/// The resolution ladder shared by the convolutional GAN and VAE families: an image of side
/// <see cref="ImageSize"/> = <see cref="Start"/> x 2^<see cref="Stages"/>, with <see cref="Start"/> in 4..7, is
/// reached from a Start x Start map by Stages stride-2 layers. Stage i (1-based, counted from the image) has
/// <see cref="Width"/> x 2^(i-1) channels, so for 28x28 with width 64 the ladder is 7 -> 14 -> 28 with 128 and 64 channels.
/// </summary>
public sealed record ConvLadder(int Channels, int ImageSize, int Width)
{
    public int Start { get; } = StartOf(ImageSize);

    public int Stages => (int)Math.Log2(ImageSize / Start);

    /// <summary>Channels of the map at stage <paramref name="i"/> (1 = next to the image, Stages = next to the Start x Start map).</summary>
    public int StageChannels(int i) => Width << (i - 1);

    /// <summary>Features of the flattened Start x Start map.</summary>
    public int Features => StageChannels(Stages) * Start * Start;

    public static void Check(int channels, int imageSize, int width)
    {
        if (channels is not (1 or 3)) throw new ArgumentException($"channels must be 1 (grey) or 3 (colour), got {channels}");
        if (width is < 1 or > 1024) throw new ArgumentException($"width must be between 1 and 1024, got {width}");
        StartOf(imageSize);
    }

    private static int StartOf(int size)
    {
        for (var start = 4; start <= 7; start++)
        {
            if (size > start && size % start == 0 && int.IsPow2(size / start)) return start;
        }
        throw new ArgumentException($"image size {size} is not 4 to 7 times a power of two; use one of 28, 32, 48, 56, 64, 96, 128");
    }
}
