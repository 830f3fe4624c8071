using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class PngEncoderTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int channels in new[] { 1, 3, 4 })
        {
            foreach (var (width, height) in new[] { (1, 1), (7, 3), (33, 17) })
                data.Add(channels, width, height);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Random_image_round_trips(int channels, int width, int height)
    {
        var image = new Image(width, height, channels);
        new Random(width * 31 + channels).NextBytes(image.Pixels);

        var decoded = PngDecoder.Decode(PngEncoder.Encode(image));

        Assert.Equal((width, height, channels), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Smooth_image_round_trips(int channels, int width, int height)
    {
        var image = new Image(width, height, channels);
        for (int i = 0; i < image.Pixels.Length; i++)
            image.Pixels[i] = (byte)(i / channels % width * 3 + i / image.Stride * 5 + i % channels * 40);

        Assert.Equal(image.Pixels, PngDecoder.Decode(PngEncoder.Encode(image)).Pixels);
    }

    [Fact]
    public void Header_and_chunks_are_well_formed()
    {
        var png = PngEncoder.Encode(new Image(33, 17, 4));

        Assert.Equal(PngTestFile.Signature, png[..8]);
        var chunks = Chunks(png);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal(new byte[] { 0, 0, 0, 33, 0, 0, 0, 17, 8, 6, 0, 0, 0 }, chunks[0].Data);
        Assert.All(chunks[1..^1], c => Assert.Equal("IDAT", c.Type));
        Assert.Equal(("IEND", 0), (chunks[^1].Type, chunks[^1].Data.Length));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 2)]
    [InlineData(4, 6)]
    public void Colour_type_follows_channels(int channels, int colourType) =>
        Assert.Equal(colourType, Chunks(PngEncoder.Encode(new Image(2, 2, channels)))[0].Data[9]);

    [Fact]
    public void Filter_is_chosen_per_row()
    {
        // Row 0 is constant (None costs nothing); the rest are noisy ramps, which a predicting filter shrinks.
        var image = new Image(64, 8, 1);
        var random = new Random(4);
        for (int y = 1; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
                image.Pixels[y * image.Width + x] = (byte)(x * 4 + random.Next(2));
        }
        var rows = Inflate(Chunks(PngEncoder.Encode(image)));

        var filters = Enumerable.Range(0, image.Height).Select(y => rows[y * (1 + image.Width)]).ToArray();
        Assert.All(filters, f => Assert.InRange(f, (byte)0, (byte)4));
        Assert.Contains(filters[0], new byte[] { 0, 1 });
        Assert.True(filters.Skip(1).All(f => f != 0), $"filters: {string.Join(",", filters)}");
    }

    [Fact]
    public void Large_image_spans_several_IDAT_chunks_and_round_trips()
    {
        var image = new Image(300, 300, 3);
        new Random(9).NextBytes(image.Pixels);

        var png = PngEncoder.Encode(image);

        Assert.True(Chunks(png).Count(c => c.Type == "IDAT") > 1);
        Assert.Equal(image.Pixels, PngDecoder.Decode(png).Pixels);
    }

    [Fact]
    public void Save_writes_atomically_and_leaves_no_temporary_file()
    {
        string folder = Directory.CreateTempSubdirectory("atelier-png-").FullName;
        try
        {
            string path = Path.Combine(folder, "out.png");
            File.WriteAllText(path, "old contents");
            var image = new Image(5, 4, 3);
            new Random(2).NextBytes(image.Pixels);

            PngEncoder.Save(image, path);

            Assert.Equal(new[] { path }, Directory.GetFiles(folder));
            Assert.Equal(image.Pixels, PngDecoder.Decode(path).Pixels);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Save_into_a_missing_folder_throws_and_leaves_nothing()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"atelier-missing-{Guid.NewGuid():N}");

        Assert.Throws<DirectoryNotFoundException>(() => PngEncoder.Save(new Image(1, 1, 1), Path.Combine(folder, "x.png")));
        Assert.False(Directory.Exists(folder));
    }

    private static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (int pos = 8; pos < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = Encoding.ASCII.GetString(png, pos + 4, 4);
            Assert.Equal(PngTestFile.Crc(png.AsSpan(pos + 4, 4 + length)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length)));
            chunks.Add((type, png[(pos + 8)..(pos + 8 + length)]));
            pos += 12 + length;
        }
        return chunks;
    }

    private static byte[] Inflate(List<(string Type, byte[] Data)> chunks)
    {
        var compressed = chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }
}
