using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class GifEncoderTests
{
    private static Image RandomImage(int width, int height, int channels, int seed)
    {
        var image = new Image(width, height, channels);
        new Random(seed).NextBytes(image.Pixels);
        return image;
    }

    /// <summary>A smooth colour field with a little noise: many more than 256 distinct colours.</summary>
    private static Image Gradient(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new Image(width, height, 3);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var px = image.Pixels.AsSpan((y * width + x) * 3, 3);
                px[0] = (byte)(x * 255 / (width - 1));
                px[1] = (byte)(y * 255 / (height - 1));
                px[2] = (byte)Math.Clamp(128 + seed * 20 + random.Next(-6, 7), 0, 255);
            }
        }
        return image;
    }

    private static (double Mean, int Max) ColourError(GifTestDecoder.Gif gif, IReadOnlyList<Image> frames)
    {
        long total = 0;
        int max = 0;
        for (int f = 0; f < frames.Count; f++)
        {
            var frame = frames[f];
            for (int p = 0; p < frame.Width * frame.Height; p++)
            {
                var (r, g, b) = gif.Colour(f, p);
                var src = frame.Pixels.AsSpan(p * frame.Channels, frame.Channels);
                byte[] expected = frame.Channels == 1 ? [src[0], src[0], src[0]] : src[..3].ToArray();
                foreach (int d in new[] { Math.Abs(r - expected[0]), Math.Abs(g - expected[1]), Math.Abs(b - expected[2]) })
                {
                    total += d;
                    max = Math.Max(max, d);
                }
            }
        }
        return ((double)total / (3L * frames.Count * frames[0].Width * frames[0].Height), max);
    }

    [Fact]
    public void Grey_frames_round_trip_exactly()
    {
        var frames = Enumerable.Range(0, 3).Select(i => RandomImage(10, 7, 1, seed: i)).ToArray();

        var gif = GifTestDecoder.Decode(GifEncoder.Encode(frames, delayCentiseconds: 7));

        Assert.Equal(("GIF89a", 10, 7, 3), (gif.Version, gif.Width, gif.Height, gif.Frames.Count));
        Assert.Equal(0, gif.LoopCount);
        Assert.Equal(256, gif.PaletteSize);
        for (int i = 0; i < 256; i++)
            Assert.Equal(((byte)i, (byte)i, (byte)i), (gif.GlobalPalette[3 * i], gif.GlobalPalette[3 * i + 1], gif.GlobalPalette[3 * i + 2]));
        for (int f = 0; f < 3; f++)
        {
            var frame = gif.Frames[f];
            Assert.Equal((0, 0, 10, 7, 7, 8), (frame.Left, frame.Top, frame.Width, frame.Height, frame.DelayCentiseconds, frame.MinCodeSize));
            Assert.Equal(frames[f].Pixels, frame.Indices);
        }
    }

    [Fact]
    public void Loop_extension_only_when_asked()
    {
        var frames = new[] { RandomImage(4, 4, 1, seed: 1) };

        Assert.Equal(0, GifTestDecoder.Decode(GifEncoder.Encode(frames, 10, loop: true)).LoopCount);
        Assert.Null(GifTestDecoder.Decode(GifEncoder.Encode(frames, 10, loop: false)).LoopCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(250)]
    [InlineData(65535)]
    public void Delay_is_written_in_centiseconds(int delay) =>
        Assert.All(GifTestDecoder.Decode(GifEncoder.Encode([RandomImage(3, 2, 1, 0), RandomImage(3, 2, 1, 1)], delay)).Frames,
            f => Assert.Equal(delay, f.DelayCentiseconds));

    [Fact]
    public void Colour_frames_with_few_colours_round_trip_exactly()
    {
        var random = new Random(3);
        var colours = Enumerable.Range(0, 40).Select(_ => new[] { (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256) }).ToArray();
        var frames = new Image[3];
        for (int f = 0; f < frames.Length; f++)
        {
            frames[f] = new Image(12, 9, 3);
            for (int p = 0; p < 12 * 9; p++)
                colours[random.Next(colours.Length)].CopyTo(frames[f].Pixels, 3 * p);
        }

        var gif = GifTestDecoder.Decode(GifEncoder.Encode(frames, 5));

        Assert.Equal((12, 9, 3), (gif.Width, gif.Height, gif.Frames.Count));
        Assert.Equal(64, gif.PaletteSize);
        Assert.Equal((0.0, 0), ColourError(gif, frames));
    }

    [Fact]
    public void Colour_frames_are_quantised_close_to_the_original()
    {
        var frames = Enumerable.Range(0, 3).Select(i => Gradient(40, 30, seed: i)).ToArray();

        var gif = GifTestDecoder.Decode(GifEncoder.Encode(frames, 4));

        Assert.Equal((40, 30, 3), (gif.Width, gif.Height, gif.Frames.Count));
        Assert.All(gif.Frames, f => Assert.Equal(4, f.DelayCentiseconds));
        var (mean, max) = ColourError(gif, frames);
        Assert.True(mean < 7.5, $"mean error {mean:F2}");
        Assert.True(max < 28, $"max error {max}");
    }

    [Fact]
    public void More_than_256_colours_are_reduced_to_256()
    {
        // 64 x 64 pixels, every one a different colour.
        var frame = new Image(64, 64, 3);
        for (int p = 0; p < 64 * 64; p++)
            (frame.Pixels[3 * p], frame.Pixels[3 * p + 1], frame.Pixels[3 * p + 2]) = ((byte)(p % 64 * 4), (byte)(p / 64 * 4), (byte)((p % 64 + p / 64) * 2));
        Assert.Equal(4096, Enumerable.Range(0, 4096).Select(p => (frame.Pixels[3 * p], frame.Pixels[3 * p + 1], frame.Pixels[3 * p + 2])).Distinct().Count());

        var gif = GifTestDecoder.Decode(GifEncoder.Encode([frame], 10));

        Assert.Equal(256, gif.PaletteSize);
        int used = gif.Frames[0].Indices.Distinct().Count();
        Assert.InRange(used, 200, 256);
        var (mean, max) = ColourError(gif, [frame]);
        Assert.True(mean < 4.5, $"mean error {mean:F2}");
        Assert.True(max < 10, $"max error {max}");
    }

    [Fact]
    public void Dominant_colour_among_many_rare_ones_is_kept_exactly()
    {
        // 400 colours seen once each, sorted below one colour that fills the rest of the frame.
        var frame = new Image(100, 100, 3);
        Array.Fill(frame.Pixels, (byte)250);
        for (int p = 0; p < 400; p++)
            (frame.Pixels[3 * p], frame.Pixels[3 * p + 1], frame.Pixels[3 * p + 2]) = ((byte)(p % 20 * 12), (byte)(p / 20 * 12), 0);

        var gif = GifTestDecoder.Decode(GifEncoder.Encode([frame], 10));

        Assert.Equal(((byte)250, (byte)250, (byte)250), gif.Colour(0, 9999));
        Assert.True(ColourError(gif, [frame]).Max < 12);
    }

    [Fact]
    public void Noisy_frame_exercises_code_table_resets()
    {
        var frame = RandomImage(200, 150, 1, seed: 8);

        var gif = GifTestDecoder.Decode(GifEncoder.Encode([frame], 1));

        Assert.True(gif.Frames[0].ClearCodes > 3, $"{gif.Frames[0].ClearCodes} clear codes");
        Assert.Equal(frame.Pixels, gif.Frames[0].Indices);
    }

    [Fact]
    public void Long_runs_round_trip()
    {
        var uniform = new Image(300, 200, 1);
        Array.Fill(uniform.Pixels, (byte)77);
        var stripes = new Image(300, 200, 1);
        for (int i = 0; i < stripes.Pixels.Length; i++)
            stripes.Pixels[i] = (byte)(i / 1000 % 3);

        var gif = GifTestDecoder.Decode(GifEncoder.Encode([uniform, stripes], 2));

        Assert.Equal(uniform.Pixels, gif.Frames[0].Indices);
        Assert.Equal(stripes.Pixels, gif.Frames[1].Indices);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(17)]
    public void Small_palettes_use_the_smallest_table(int colours)
    {
        var frame = new Image(colours, 2, 3);
        for (int p = 0; p < 2 * colours; p++)
            (frame.Pixels[3 * p], frame.Pixels[3 * p + 1], frame.Pixels[3 * p + 2]) = ((byte)(p % colours * 10), 1, 2);

        var gif = GifTestDecoder.Decode(GifEncoder.Encode([frame], 3));

        int tableSize = Math.Max(2, (int)Math.Pow(2, Math.Ceiling(Math.Log2(colours))));
        Assert.Equal(tableSize, gif.PaletteSize);
        Assert.Equal(Math.Max(2, (int)Math.Log2(tableSize)), gif.Frames[0].MinCodeSize);
        Assert.Equal((0.0, 0), ColourError(gif, [frame]));
    }

    [Fact]
    public void Mixed_grey_and_RGBA_frames_share_one_palette_and_ignore_alpha()
    {
        var grey = RandomImage(6, 5, 1, seed: 1);
        var rgba = RandomImage(6, 5, 4, seed: 2);
        for (int i = 0; i < rgba.Pixels.Length; i++)
            rgba.Pixels[i] = i % 4 == 3 ? rgba.Pixels[i] : (byte)(rgba.Pixels[i] & 0xC0);

        var gif = GifTestDecoder.Decode(GifEncoder.Encode([grey, rgba], 3));

        // 30 greys and at most 64 colours: few enough to be exact.
        Assert.Equal((0.0, 0), ColourError(gif, [grey, rgba]));
    }

    [Fact]
    public void Frames_of_different_sizes_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => GifEncoder.Encode([new Image(10, 7, 1), new Image(10, 7, 1), new Image(11, 7, 1)], 5));

        Assert.Contains("frame 0 is 10x7, frame 2 is 11x7", ex.Message);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => GifEncoder.Encode([], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => GifEncoder.Encode([new Image(1, 1, 1)], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GifEncoder.Encode([new Image(1, 1, 1)], 65536));
        Assert.Throws<ArgumentException>(() => GifEncoder.Encode([new Image(70000, 1, 1)], 5));
    }

    [Fact]
    public void Save_writes_the_encoded_bytes_atomically()
    {
        string folder = Directory.CreateTempSubdirectory("atelier-gif-").FullName;
        try
        {
            string path = Path.Combine(folder, "samples.gif");
            Image[] frames = [RandomImage(8, 8, 3, 1), RandomImage(8, 8, 3, 2)];

            GifEncoder.Save(frames, 20, path);

            Assert.Equal(new[] { path }, Directory.GetFiles(folder));
            Assert.Equal(GifEncoder.Encode(frames, 20), File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
