using System.Buffers.Binary;
using Atelier.Imaging;

namespace Atelier.Tests.Imaging;

public sealed class ApngTests
{
    private static Image RandomImage(int width, int height, int channels, int seed)
    {
        var image = new Image(width, height, channels);
        new Random(seed).NextBytes(image.Pixels);
        return image;
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 1)]
    public void Frames_read_back_exactly_and_plain_decoders_see_the_first(int channels, int count)
    {
        var frames = Enumerable.Range(0, count).Select(i => RandomImage(19, 11, channels, i)).ToList();
        var file = ApngEncoder.Encode(frames, delayCentiseconds: 8, loop: true);

        var decoded = ApngDecoder.Decode(file);
        Assert.Equal(count, decoded.Count);
        for (var i = 0; i < count; i++) Assert.Equal(frames[i].Pixels, decoded[i].Pixels);
        Assert.Equal(frames[0].Pixels, PngDecoder.Decode(file).Pixels);
    }

    [Fact]
    public void The_animation_control_comes_before_the_image_data_and_sequence_numbers_count_up()
    {
        // Frames large enough to need several fdAT chunks each (64 KiB apiece).
        var frames = Enumerable.Range(0, 3).Select(i => RandomImage(200, 200, 3, i)).ToList();
        var (chunks, damage) = PngChunks.Read(ApngEncoder.Encode(frames, 5, loop: false));
        Assert.Null(damage);
        var types = chunks.Select(c => c.Type).ToList();
        Assert.True(types.IndexOf("acTL") < types.IndexOf("IDAT"));
        var actl = chunks.Single(c => c.Type == "acTL").Data;
        Assert.Equal((3, 1), (BinaryPrimitives.ReadInt32BigEndian(actl), BinaryPrimitives.ReadInt32BigEndian(actl.AsSpan(4))));
        var sequence = chunks.Where(c => c.Type is "fcTL" or "fdAT").Select(c => BinaryPrimitives.ReadInt32BigEndian(c.Data)).ToList();
        Assert.True(types.Count(t => t == "fdAT") > 2);
        Assert.Equal(Enumerable.Range(0, sequence.Count), sequence);
    }

    [Fact]
    public void Text_chunks_come_back_as_written_and_the_image_still_decodes()
    {
        var image = RandomImage(7, 5, 3, 1);
        PngText[] text = [new("atelier:recipe", "seed 42\nslerp(seed 3, seed 17, 0.3)"), new("Comment", "déjà vu ✓")];
        var file = PngEncoder.Encode(image, text);
        var (chunks, damage) = PngChunks.Read(file);
        Assert.Null(damage);
        Assert.Equal(text, chunks.Select(PngText.FromChunk).OfType<PngText>());
        Assert.Equal(image.Pixels, PngDecoder.Decode(file).Pixels);
    }

    [Fact]
    public void A_truncated_file_gives_its_chunks_so_far_and_says_where_it_stops()
    {
        var file = PngEncoder.Encode(RandomImage(7, 5, 1, 1), [new PngText("Comment", new string('x', 200))]);
        var (chunks, damage) = PngChunks.Read(file.AsSpan(0, 100));
        Assert.Equal(["IHDR"], chunks.Select(c => c.Type));
        Assert.Contains("ends inside its iTXt chunk", damage);
    }
}
