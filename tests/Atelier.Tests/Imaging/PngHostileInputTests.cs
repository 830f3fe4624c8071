using System.Buffers.Binary;
using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class PngHostileInputTests
{
    /// <summary>A valid 4x3 8-bit grey file: signature, IHDR at byte 8, IDAT at byte 33, IEND.</summary>
    private static byte[] ValidPng() => PngTestImage.Random(0, 8, 4, 3, false, seed: 5).ToPng(_ => 0);

    private static byte[] RawRows(int rows, int rowBytes, int filter = 0)
    {
        var raw = new byte[rows * (1 + rowBytes)];
        for (int y = 0; y < rows; y++)
            raw[y * (1 + rowBytes)] = (byte)filter;
        return raw;
    }

    private static ImageFormatException AssertFails(byte[] png, string phrase)
    {
        var ex = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(png));
        Assert.Contains(phrase, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    [Fact]
    public void Bad_signature() => AssertFails([.. ValidPng().Select((b, i) => i == 1 ? (byte)'X' : b)], "bad signature");

    [Fact]
    public void Empty_and_tiny_inputs()
    {
        AssertFails([], "bad signature");
        AssertFails(ValidPng()[..5], "bad signature");
    }

    [Fact]
    public void Truncated_at_several_points()
    {
        var png = ValidPng();
        foreach (int length in new[] { 8, 12, 20, 32, 33, 40, 45, png.Length - 12, png.Length - 5, png.Length - 1 })
        {
            var ex = AssertFails(png[..length], "truncated");
            Assert.True(ex.Message.Length < 200, $"cut at {length}: {ex.Message}");
        }
    }

    [Fact]
    public void Bad_CRC_in_header_and_in_image_data()
    {
        var png = ValidPng();
        png[32] ^= 1;   // last CRC byte of IHDR
        AssertFails(png, "bad CRC in IHDR chunk");

        png = ValidPng();
        png[33 + 8] ^= 0x40;   // first data byte of IDAT
        AssertFails(png, "bad CRC in IDAT chunk");
    }

    [Fact]
    public void Zero_width_or_height()
    {
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(0, 3, 8, 0), PngTestFile.Chunk("IDAT", PngTestFile.Zlib([0])), PngTestFile.Iend()), "image width 0 is not positive");
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(3, 0, 8, 0), PngTestFile.Chunk("IDAT", PngTestFile.Zlib([0])), PngTestFile.Iend()), "image height 0 is not positive");
    }

    [Fact]
    public void Width_over_the_limit_fails_before_allocating()
    {
        var png = PngTestFile.Png(PngTestFile.Ihdr(100_000, 100_000, 16, 6), PngTestFile.Chunk("IDAT", PngTestFile.Zlib([0])), PngTestFile.Iend());

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertFails(png, "width 100000 exceeds the limit of 16384");
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 * 1024);
    }

    [Fact]
    public void Pixel_count_over_the_limit()
    {
        var png = PngTestFile.Png(PngTestFile.Ihdr(16_000, 16_000, 8, 0), PngTestFile.Chunk("IDAT", PngTestFile.Zlib([0])), PngTestFile.Iend());

        AssertFails(png, "256000000 pixels exceeds the limit of 64000000 pixels");
    }

    [Fact]
    public void Large_header_with_tiny_image_data_fails_before_allocating_the_output()
    {
        // 64 million RGBA16 pixels would need 256 MB of output; 20 bytes of deflate cannot hold them.
        var png = PngTestFile.Png(PngTestFile.Ihdr(16_000, 4_000, 16, 6), PngTestFile.Chunk("IDAT", PngTestFile.Zlib(new byte[1000])), PngTestFile.Iend());

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertFails(png, "truncated image data");
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(0, 32)]
    [InlineData(2, 4)]
    [InlineData(3, 16)]
    [InlineData(4, 1)]
    [InlineData(6, 2)]
    public void Invalid_bit_depth(int colourType, int depth) =>
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, depth, colourType), PngTestFile.Iend()), $"invalid bit depth {depth} for colour type {colourType}");

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    public void Invalid_colour_type(int colourType) =>
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, colourType), PngTestFile.Iend()), $"invalid colour type {colourType}");

    [Theory]
    [InlineData(10, "unknown compression method 1")]
    [InlineData(11, "unknown filter method 1")]
    [InlineData(12, "unknown interlace method 2")]
    public void Unknown_methods(int field, string phrase)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, 1);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), 1);
        (data[8], data[field]) = (8, field == 12 ? (byte)2 : (byte)1);
        AssertFails(PngTestFile.Png(PngTestFile.Chunk("IHDR", data), PngTestFile.Iend()), phrase);
    }

    [Fact]
    public void Malformed_header_chunks()
    {
        AssertFails(PngTestFile.Png(PngTestFile.Chunk("IHDR", new byte[12]), PngTestFile.Iend()), "IHDR chunk has length 12, expected 13");
        AssertFails(PngTestFile.Png(PngTestFile.Chunk("tEXt", "a\0b"u8), PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Iend()), "first chunk is tEXt, expected IHDR");
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Iend()), "more than one IHDR");
    }

    [Fact]
    public void Palette_index_out_of_range()
    {
        var png = PngTestFile.Png(
            PngTestFile.Ihdr(2, 1, 8, 3),
            PngTestFile.Chunk("PLTE", new byte[3 * 4]),
            PngTestFile.Chunk("IDAT", PngTestFile.Zlib([0, 1, 200])),
            PngTestFile.Iend());

        AssertFails(png, "palette index 200 is out of range (the palette has 4 entries)");
    }

    [Fact]
    public void Palette_problems()
    {
        var idat = PngTestFile.Chunk("IDAT", PngTestFile.Zlib([0, 0]));
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 3), idat, PngTestFile.Iend()), "no PLTE chunk");
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 3), PngTestFile.Chunk("PLTE", new byte[7]), idat, PngTestFile.Iend()), "PLTE chunk length 7");
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 3), PngTestFile.Chunk("PLTE", new byte[6]), PngTestFile.Chunk("tRNS", new byte[3]), idat, PngTestFile.Iend()), "tRNS chunk has 3 entries, more than the 2");
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 3), PngTestFile.Chunk("tRNS", new byte[1]), PngTestFile.Chunk("PLTE", new byte[6]), idat, PngTestFile.Iend()), "tRNS chunk before PLTE");
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Chunk("tRNS", new byte[6]), idat, PngTestFile.Iend()), "tRNS chunk of a grey image has length 6");
    }

    [Fact]
    public void Missing_IDAT() =>
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Chunk("tEXt", "a\0b"u8), PngTestFile.Iend()), "missing IDAT");

    [Fact]
    public void Missing_IEND() =>
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Chunk("IDAT", PngTestFile.Zlib([0, 0]))), "missing IEND");

    [Fact]
    public void IDAT_chunks_must_be_consecutive()
    {
        var zlib = PngTestFile.Zlib([0, 0]);
        var png = PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Chunk("IDAT", zlib[..3]), PngTestFile.Chunk("tEXt", "a\0b"u8), PngTestFile.Chunk("IDAT", zlib[3..]), PngTestFile.Iend());

        AssertFails(png, "IDAT chunks are not consecutive");
    }

    [Fact]
    public void Unknown_critical_chunk_is_rejected_and_bad_chunk_type_too()
    {
        var idat = PngTestFile.Chunk("IDAT", PngTestFile.Zlib([0, 0]));
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Chunk("CRIT", [1]), idat, PngTestFile.Iend()), "unknown critical chunk CRIT");
        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Chunk("ab1d", [1]), idat, PngTestFile.Iend()), "invalid chunk type");
    }

    [Fact]
    public void Chunk_length_over_two_gigabytes()
    {
        var png = ValidPng();
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(33), 0x80000000);

        AssertFails(png, "declares length 2147483648");
    }

    [Fact]
    public void Zlib_bomb_stops_at_the_declared_size()
    {
        // A 1x1 grey image needs 2 bytes (filter byte + pixel); this IDAT inflates to 10 MB.
        var bomb = PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 0), PngTestFile.Chunk("IDAT", PngTestFile.Zlib(new byte[10_000_000])), PngTestFile.Iend());

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertFails(bomb, "more image data than the header declares");
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void Image_data_shorter_than_declared()
    {
        var png = PngTestFile.Png(PngTestFile.Ihdr(4, 3, 8, 0), PngTestFile.Chunk("IDAT", PngTestFile.Zlib(RawRows(2, 4))), PngTestFile.Iend());

        AssertFails(png, "truncated image data: the compressed stream ends in row 2");
    }

    [Fact]
    public void Bad_filter_type()
    {
        var png = PngTestFile.Png(PngTestFile.Ihdr(4, 3, 8, 0), PngTestFile.Chunk("IDAT", PngTestFile.Zlib([.. RawRows(1, 4), .. RawRows(2, 4, filter: 7)])), PngTestFile.Iend());

        AssertFails(png, "bad filter type 7 in row 1");
    }

    [Fact]
    public void Bad_filter_type_in_an_interlaced_pass()
    {
        var png = PngTestFile.Png(PngTestFile.Ihdr(1, 1, 8, 0, interlace: 1), PngTestFile.Chunk("IDAT", PngTestFile.Zlib([5, 0])), PngTestFile.Iend());

        AssertFails(png, "bad filter type 5 in row 0 of pass 1");
    }

    [Fact]
    public void Corrupt_zlib_checksum()
    {
        var zlib = PngTestFile.Zlib(RawRows(3, 4));
        zlib[^1] ^= 0xFF;

        AssertFails(PngTestFile.Png(PngTestFile.Ihdr(4, 3, 8, 0), PngTestFile.Chunk("IDAT", zlib), PngTestFile.Iend()), "corrupt compressed image data");
    }

    [Fact]
    public void Not_zlib_at_all()
    {
        var png = PngTestFile.Png(PngTestFile.Ihdr(4, 3, 8, 0), PngTestFile.Chunk("IDAT", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), PngTestFile.Iend());

        AssertFails(png, "corrupt compressed image data");
    }
}
