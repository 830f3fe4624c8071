using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class BmpDecoderTests
{
    [Fact]
    public void Bottom_up_24_bit_rows_are_flipped_and_their_padding_skipped()
    {
        // 2x2: stored bottom row first, pixels as B, G, R; each 6-byte row padded to 8.
        var bmp = BmpTestFile.Build(2, 2, 24, [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]);

        var image = BmpDecoder.Decode(bmp);

        Assert.Equal((2, 2, 3), (image.Width, image.Height, image.Channels));
        Assert.Equal(new byte[] { 9, 8, 7, 12, 11, 10, 3, 2, 1, 6, 5, 4 }, image.Pixels);
    }

    [Fact]
    public void A_negative_height_means_top_down_rows()
    {
        var bmp = BmpTestFile.Build(1, -2, 24, [[1, 2, 3], [4, 5, 6]]);

        var image = BmpDecoder.Decode(bmp);

        Assert.Equal(new byte[] { 3, 2, 1, 6, 5, 4 }, image.Pixels);
    }

    [Fact]
    public void Palette_images_of_1_4_and_8_bits_look_up_their_colours()
    {
        byte[] palette = [10, 20, 30, 0, 40, 50, 60, 0, 70, 80, 90, 0];   // B, G, R, spare
        byte[] r0 = [30, 20, 10], r1 = [60, 50, 40], r2 = [90, 80, 70];

        // 1 bit: 10 pixels 1,0,1,1,0,0,0,1 | 1,0 -> bytes 0b10110001, 0b10000000.
        var one = BmpDecoder.Decode(BmpTestFile.Build(10, 1, 1, [[0b1011_0001, 0b1000_0000]], afterHeader: palette[..8], coloursUsed: 2));
        Assert.Equal(new[] { r1, r0, r1, r1, r0, r0, r0, r1, r1, r0 }.SelectMany(p => p), one.Pixels);

        // 4 bits: 3 pixels 2, 0, 1 -> bytes 0x20, 0x10.
        var four = BmpDecoder.Decode(BmpTestFile.Build(3, 1, 4, [[0x20, 0x10]], afterHeader: palette, coloursUsed: 3));
        Assert.Equal(new[] { r2, r0, r1 }.SelectMany(p => p), four.Pixels);

        var eight = BmpDecoder.Decode(BmpTestFile.Build(2, 1, 8, [[2, 1]], afterHeader: palette, coloursUsed: 3));
        Assert.Equal(new[] { r2, r1 }.SelectMany(p => p), eight.Pixels);
    }

    [Fact]
    public void The_core_header_has_three_byte_palette_entries()
    {
        var bmp = BmpTestFile.Build(2, 1, 8, [[1, 0]], headerSize: 12, afterHeader: [1, 2, 3, 4, 5, 6, .. new byte[3 * 254]]);

        Assert.Equal(new byte[] { 6, 5, 4, 3, 2, 1 }, BmpDecoder.Decode(bmp).Pixels);
    }

    [Fact]
    public void Sixteen_bit_pixels_are_5_5_5_by_default_and_scale_to_8_bits()
    {
        // Red 31, green 16, blue 1: round(16 * 255 / 31) = 132, round(255 / 31) = 8.
        ushort pixel = 31 << 10 | 16 << 5 | 1;
        var image = BmpDecoder.Decode(BmpTestFile.Build(1, 1, 16, [BmpTestFile.Shorts(pixel)]));

        Assert.Equal(new byte[] { 255, 132, 8 }, image.Pixels);
    }

    [Fact]
    public void Bit_fields_after_an_info_header_give_5_6_5()
    {
        // Green 32 of 63: round(32 * 255 / 63) = 130; red 0, blue 31.
        ushort pixel = 0 << 11 | 32 << 5 | 31;
        var masks = BmpTestFile.Words(0xF800, 0x07E0, 0x001F);
        var image = BmpDecoder.Decode(BmpTestFile.Build(1, 1, 16, [BmpTestFile.Shorts(pixel)], compression: 3, afterHeader: masks));

        Assert.Equal(new byte[] { 0, 130, 255 }, image.Pixels);
    }

    [Fact]
    public void Thirty_two_bit_rgb_ignores_the_spare_byte()
    {
        var image = BmpDecoder.Decode(BmpTestFile.Build(1, 1, 32, [[1, 2, 3, 4]]));

        Assert.Equal(3, image.Channels);
        Assert.Equal(new byte[] { 3, 2, 1 }, image.Pixels);
    }

    [Theory]
    [InlineData(108)]
    [InlineData(124)]
    public void A_v4_or_v5_header_with_an_alpha_mask_gives_rgba(int headerSize)
    {
        // Masks in the header: R in the low byte, A in the high byte (an order other than the default).
        uint[] masks = [0x000000FF, 0x0000FF00, 0x00FF0000, 0xFF000000];
        var image = BmpDecoder.Decode(BmpTestFile.Build(2, 1, 32, [[10, 20, 30, 40, 50, 60, 70, 80]], headerSize, compression: 3, headerMasks: masks));

        Assert.Equal(4, image.Channels);
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50, 60, 70, 80 }, image.Pixels);
    }

    [Fact]
    public void A_v5_header_without_an_alpha_mask_gives_rgb()
    {
        uint[] masks = [0x00FF0000, 0x0000FF00, 0x000000FF, 0];
        var image = BmpDecoder.Decode(BmpTestFile.Build(1, 1, 32, [[10, 20, 30, 40]], 124, compression: 3, headerMasks: masks));

        Assert.Equal(3, image.Channels);
        Assert.Equal(new byte[] { 30, 20, 10 }, image.Pixels);
    }

    [Theory]
    [InlineData(1, "RLE-compressed BMP (RLE8) is not supported; re-save the image uncompressed")]
    [InlineData(2, "RLE-compressed BMP (RLE4) is not supported")]
    [InlineData(4, "BMP with an embedded JPEG is not supported")]
    [InlineData(9, "unknown BMP compression 9")]
    public void Compressed_bitmaps_are_rejected_by_name(int compression, string message)
    {
        var bmp = BmpTestFile.Build(2, 1, 8, [[0, 0]], compression: compression, afterHeader: new byte[8], coloursUsed: 2);

        Assert.Contains(message, Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(bmp)).Message);
    }

    [Fact]
    public void Every_truncation_of_a_valid_file_is_an_image_format_error()
    {
        var bmp = BmpTestFile.Build(3, 2, 8, [[0, 1, 2], [2, 1, 0]], afterHeader: new byte[12], coloursUsed: 3);
        BmpDecoder.Decode(bmp);

        for (int length = 0; length < bmp.Length - 1; length++)
            Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(bmp.AsSpan(0, length)));
    }

    [Theory]
    [InlineData(1_000_000_000, 1, "image width 1000000000 exceeds the limit of 16384")]
    [InlineData(16384, 16384, "pixels exceeds the limit of 64000000 pixels")]
    [InlineData(-5, 1, "image width -5 is not positive")]
    [InlineData(1, int.MinValue, "image height -2147483648 is invalid")]
    [InlineData(1, 0, "image height 0 is not positive")]
    public void Absurd_sizes_are_rejected_before_allocating(int width, int height, string message)
    {
        var bmp = BmpTestFile.Build(1, 1, 24, [[1, 2, 3]]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);

        Assert.Contains(message, Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(bmp)).Message);
    }

    [Fact]
    public void A_large_declared_size_with_few_bytes_is_truncated()
    {
        var bmp = BmpTestFile.Build(4000, 4000, 24, [[1, 2, 3]]);

        Assert.Contains("file is truncated or its pixel offset", Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(bmp)).Message);
    }

    [Theory]
    [InlineData(new uint[] { 0xF800, 0x0FE0, 0x001F }, "overlap")]
    [InlineData(new uint[] { 0xF800, 0x07E0, 0x1001F }, "reach beyond the 16-bit pixel")]
    [InlineData(new uint[] { 0xA800, 0x07E0, 0x001F }, "colour mask 0x0000A800 is not one run of bits")]
    public void Bad_masks_are_rejected(uint[] masks, string message)
    {
        var bmp = BmpTestFile.Build(1, 1, 16, [[0, 0]], compression: 3, afterHeader: BmpTestFile.Words(masks));

        Assert.Contains(message, Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(bmp)).Message);
    }

    [Fact]
    public void Palette_indices_past_the_palette_and_oversized_palettes_are_errors()
    {
        var pastEnd = BmpTestFile.Build(1, 1, 8, [[5]], afterHeader: new byte[8], coloursUsed: 2);
        Assert.Contains("pixel refers to colour 5 of a palette of 2", Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(pastEnd)).Message);

        var tooMany = BmpTestFile.Build(1, 1, 1, [[0]], afterHeader: new byte[12], coloursUsed: 3);
        Assert.Contains("palette of 3 colours is too large for 1-bit pixels", Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(tooMany)).Message);
    }

    [Fact]
    public void Errors_from_a_file_name_it()
    {
        string path = Path.Combine(Path.GetTempPath(), $"atelier-{Guid.NewGuid():N}.bmp");
        File.WriteAllBytes(path, [(byte)'B', (byte)'M', 0]);
        try
        {
            var error = Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(path));
            Assert.StartsWith($"{path}: file is truncated", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("rgb24")]
    [InlineData("rgbx32")]
    [InlineData("palette8")]
    [InlineData("bilevel1")]
    public void Files_written_by_pillow_decode_to_the_pixels_pillow_reads(string name)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Imaging", "Fixtures", "Bmp");
        var reference = PngDecoder.Decode(Path.Combine(folder, name + ".png"));

        var image = BmpDecoder.Decode(Path.Combine(folder, name + ".bmp"));

        Assert.Equal((5, 3, 3), (image.Width, image.Height, image.Channels));
        Assert.Equal(reference.Pixels, image.Pixels);
    }
}
