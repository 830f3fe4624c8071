using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class PngDecoderTests
{
    /// <summary>Filter mode 5 cycles through all five filters row by row.</summary>
    private const int MixedFilters = 5;

    private static readonly (int ColourType, int Depth, bool Transparency)[] Formats =
    [
        (0, 1, false), (0, 2, false), (0, 4, false), (0, 8, false), (0, 16, false),
        (0, 2, true), (0, 8, true), (0, 16, true),
        (2, 8, false), (2, 16, false), (2, 8, true), (2, 16, true),
        (3, 1, false), (3, 2, false), (3, 4, false), (3, 8, false),
        (3, 1, true), (3, 2, true), (3, 4, true), (3, 8, true),
        (4, 8, false), (4, 16, false),
        (6, 8, false), (6, 16, false),
    ];

    public static TheoryData<int, int, bool, int> FormatsAndFilters()
    {
        var data = new TheoryData<int, int, bool, int>();
        foreach (var (type, depth, transparency) in Formats)
        {
            for (int filter = 0; filter <= MixedFilters; filter++)
                data.Add(type, depth, transparency, filter);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsAndFilters))]
    public void Decodes_hand_built_file(int colourType, int depth, bool transparency, int filter)
    {
        var image = PngTestImage.Random(colourType, depth, 13, 7, transparency, seed: colourType * 100 + depth * 10 + filter);

        var decoded = PngDecoder.Decode(image.ToPng(row => filter == MixedFilters ? row % 5 : filter, idatPieces: 3, extraChunks: true));

        Assert.Equal((13, 7, image.ExpectedChannels), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal(image.ExpectedPixels(), decoded.Pixels);
    }

    public static TheoryData<int, int, bool> AllFormats()
    {
        var data = new TheoryData<int, int, bool>();
        foreach (var (type, depth, transparency) in Formats)
            data.Add(type, depth, transparency);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void Adam7_interlaced_file_matches_the_non_interlaced_one(int colourType, int depth, bool transparency)
    {
        foreach (var (width, height) in new[] { (1, 1), (2, 3), (5, 5), (8, 8), (9, 7), (33, 17) })
        {
            var image = PngTestImage.Random(colourType, depth, width, height, transparency, seed: width * height + depth);

            var plain = PngDecoder.Decode(image.ToPng(_ => 0));
            var interlaced = PngDecoder.Decode(image.ToPng(row => row % 5, interlaced: true, idatPieces: 2));

            Assert.Equal((plain.Width, plain.Height, plain.Channels), (interlaced.Width, interlaced.Height, interlaced.Channels));
            for (int i = 0; i < plain.Pixels.Length; i++)
            {
                int pixel = i / plain.Channels;
                Assert.True(plain.Pixels[i] == interlaced.Pixels[i],
                    $"{width}x{height}: pixel ({pixel % width}, {pixel / width}) channel {i % plain.Channels} differs");
            }
            Assert.Equal(image.ExpectedPixels(), interlaced.Pixels);
        }
    }

    [Fact]
    public void Sixteen_bit_colour_key_compares_all_sixteen_bits()
    {
        var image = new PngTestImage
        {
            Width = 3, Height = 1, ColourType = 0, BitDepth = 16,
            Samples = [[0x1234, 0x1235, 0xFFFF]], ColourKey = [0x1234],
        };

        var decoded = PngDecoder.Decode(image.ToPng(_ => 0));

        Assert.Equal(4, decoded.Channels);
        Assert.Equal(new byte[] { 0x12, 0x12, 0x12, 0, 0x12, 0x12, 0x12, 255, 255, 255, 255, 255 }, decoded.Pixels);
    }

    [Fact]
    public void Sixteen_bit_samples_round_to_eight_bits()
    {
        int[] samples = [0x0000, 0x0080, 0x0081, 0x7F7F, 0x8080, 0xAB00, 0xABAB, 0xFE7D, 0xFE7E, 0xFFFF];
        var image = new PngTestImage { Width = samples.Length, Height = 1, ColourType = 0, BitDepth = 16, Samples = [samples] };

        var decoded = PngDecoder.Decode(image.ToPng(_ => 0));

        // round(v / 257): the high byte when the low byte repeats it, otherwise the nearest level.
        Assert.Equal(new byte[] { 0, 0, 1, 0x7F, 0x80, 0xAA, 0xAB, 0xFD, 0xFE, 0xFF }, decoded.Pixels);
    }

    [Fact]
    public void Low_bit_depth_grey_is_scaled_to_full_range()
    {
        var image = new PngTestImage { Width = 4, Height = 1, ColourType = 0, BitDepth = 2, Samples = [[0, 1, 2, 3]] };

        Assert.Equal(new byte[] { 0, 85, 170, 255 }, PngDecoder.Decode(image.ToPng(_ => 0)).Pixels);
    }

    [Fact]
    public void Palette_without_tRNS_gives_RGB_and_with_tRNS_RGBA()
    {
        byte[] palette = [10, 20, 30, 40, 50, 60];
        var opaque = new PngTestImage { Width = 2, Height = 1, ColourType = 3, BitDepth = 8, Samples = [[1, 0]], Palette = palette };
        var translucent = new PngTestImage { Width = 2, Height = 1, ColourType = 3, BitDepth = 8, Samples = [[1, 0]], Palette = palette, PaletteAlpha = [128] };

        Assert.Equal(new byte[] { 40, 50, 60, 10, 20, 30 }, PngDecoder.Decode(opaque.ToPng(_ => 0)).Pixels);
        Assert.Equal(new byte[] { 40, 50, 60, 255, 10, 20, 30, 128 }, PngDecoder.Decode(translucent.ToPng(_ => 0)).Pixels);
    }

    [Fact]
    public void Grey_with_alpha_expands_to_RGBA()
    {
        var image = new PngTestImage { Width = 2, Height = 1, ColourType = 4, BitDepth = 8, Samples = [[7, 200, 9, 100]] };

        var decoded = PngDecoder.Decode(image.ToPng(_ => 0));

        Assert.Equal(4, decoded.Channels);
        Assert.Equal(new byte[] { 7, 7, 7, 200, 9, 9, 9, 100 }, decoded.Pixels);
    }

    [Fact]
    public void Chunks_after_IEND_and_empty_IDAT_chunks_are_accepted()
    {
        var image = PngTestImage.Random(2, 8, 5, 4, false, seed: 3);
        var scanlines = PngTestFile.Zlib(image.Scanlines(_ => 4, interlaced: false));
        var png = PngTestFile.Png(
            PngTestFile.Ihdr(5, 4, 8, 2),
            PngTestFile.Chunk("IDAT", []),
            PngTestFile.Chunk("IDAT", scanlines),
            PngTestFile.Chunk("IDAT", []),
            PngTestFile.Iend(),
            [1, 2, 3]);

        Assert.Equal(image.ExpectedPixels(), PngDecoder.Decode(png).Pixels);
    }

    [Fact]
    public void Stream_and_path_overloads_decode_the_same_image()
    {
        var image = PngTestImage.Random(6, 8, 6, 5, false, seed: 11);
        var png = image.ToPng(row => row % 5);
        string path = Path.Combine(Path.GetTempPath(), $"atelier-png-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, png);
        try
        {
            Assert.Equal(image.ExpectedPixels(), PngDecoder.Decode(new MemoryStream(png)).Pixels);
            Assert.Equal(image.ExpectedPixels(), PngDecoder.Decode(path).Pixels);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Path_overload_names_the_file_in_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"atelier-bad-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        try
        {
            var ex = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(path));
            Assert.StartsWith(path + ": ", ex.Message);
            Assert.Equal(path, ex.FileName);
            Assert.Contains("signature", ex.Problem);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Custom_limits_are_enforced()
    {
        var png = PngTestImage.Random(0, 8, 7, 3, false, seed: 1).ToPng(_ => 0);

        Assert.Equal(7, PngDecoder.Decode(png, new PngLimits { MaxWidth = 7, MaxPixels = 21 }).Width);
        Assert.Contains("width 7 exceeds the limit of 6", Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(png, new PngLimits { MaxWidth = 6 })).Message);
        Assert.Contains("height 3 exceeds the limit of 2", Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(png, new PngLimits { MaxHeight = 2 })).Message);
        Assert.Contains("21 pixels exceeds the limit of 20", Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(png, new PngLimits { MaxPixels = 20 })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PngLimits { MaxWidth = 0 });
    }
}
