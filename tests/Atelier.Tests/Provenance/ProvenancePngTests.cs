using Atelier.Imaging;
using Atelier.Provenance;

namespace Atelier.Tests.Provenance;

/// <summary>Provenance written into PNGs and read back, and every way it can be missing, damaged or edited.</summary>
public sealed class ProvenancePngTests
{
    private static readonly ModelSource Source = new("seed-gan", "/runs/gan/checkpoints/last.safetensors", new string('a', 64));

    private static ImageProvenance Provenance(ImageLayout layout, int count, int dim = 8) =>
        new(Source, layout, null, [.. Enumerable.Range(0, count).Select(i => new ProvenanceCell(new SeedRecipe(i), new SeedRecipe(i).Evaluate(dim), i % 2, i % 2 == 0 ? "circle" : null))]);

    private static Tensor Images(int count) => Tensor.Uniform([count, 1, 6, 5], new Generator(1)); // (N, C, H, W) in [0, 1)

    /// <summary>The file with each chunk passed through <paramref name="edit"/> (null drops it), CRCs recomputed.</summary>
    private static byte[] Edit(byte[] file, Func<PngChunk, PngChunk?> edit)
    {
        var (chunks, _) = PngChunks.Read(file);
        using var output = new MemoryStream();
        output.Write(PngChunks.Signature);
        foreach (var chunk in chunks.Select(edit).OfType<PngChunk>()) PngChunks.Write(output, chunk.Type, chunk.Data);
        PngChunks.Write(output, "IEND", []);
        return output.ToArray();
    }

    private static PngChunk? Replace(PngChunk chunk, string keyword, Func<string, string> change) =>
        PngText.FromChunk(chunk) is { } text && text.Keyword == keyword ? new PngChunk("iTXt", (text with { Text = change(text.Text) }).ToITxt()) : chunk;

    public static TheoryData<ImageLayout, int> Layouts => new()
    {
        { new SingleImageLayout(), 1 },
        { new GridLayout(Columns: 3), 5 },
        { new AnimationLayout(DelayCentiseconds: 8, Loop: true), 4 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_layout_reads_back_intact_with_exact_latents(ImageLayout layout, int count)
    {
        var written = Provenance(layout, count);
        var reading = ProvenancePng.Read(ProvenancePng.Encode(Images(count), written), "x.png");
        Assert.True(reading.IsIntact, reading.Summary);
        var read = reading.Provenance!;
        Assert.Equal(layout, read.Layout);
        Assert.Equal(Source, read.Source);
        Assert.Equal(written.Cells.Select(c => c.Recipe), read.Cells.Select(c => c.Recipe));
        Assert.Equal(written.Cells.Select(c => c.ClassText), read.Cells.Select(c => c.ClassText));
        for (var i = 0; i < count; i++) Assert.Equal(written.Cells[i].Latent, read.Cells[i].Latent);
        Assert.Equal(ImageProvenance.CurrentTool, read.Tool);
        Assert.Contains("AI-generated", read.Disclosure);
    }

    [Fact]
    public void An_edited_recipe_fails_the_checksum_and_its_latent()
    {
        var file = Edit(ProvenancePng.Encode(Images(3), Provenance(new GridLayout(3), 3)), c => Replace(c, "atelier:recipe", t => t.Replace("seed 1", "seed 7")));
        var reading = ProvenancePng.Read(file, "forged.png");
        Assert.False(reading.IsIntact);
        Assert.Contains("checksum does not match", reading.Summary);
        Assert.Contains("image 1's recipe 'seed 7' does not make its stored latent", reading.Summary);
        var error = Assert.Throws<ProvenanceException>(reading.Require);
        Assert.StartsWith("forged.png: the provenance cannot be used", error.Message);
    }

    [Fact]
    public void An_edited_latent_fails_the_checksum_even_without_a_recipe_to_check_it()
    {
        var seed = Provenance(new SingleImageLayout(), 1);
        var provenance = seed with { Cells = [seed.Cells[0] with { Recipe = new OpaqueRecipe("projected(photo)") }] };
        var file = Edit(ProvenancePng.Encode(Images(1), provenance), c => Replace(c, "atelier:latents", t => "AAAAAA" + t[6..]));
        var reading = ProvenancePng.Read(file, "x.png");
        Assert.Equal(["the checksum does not match: the provenance fields were edited or damaged after Atelier wrote them"], reading.Problems);
    }

    [Fact]
    public void Edited_pixels_are_noticed()
    {
        var file = ProvenancePng.Encode(Images(1), Provenance(new SingleImageLayout(), 1));
        var image = PngDecoder.Decode(file);
        image.Pixels[3] ^= 1;
        var (chunks, _) = PngChunks.Read(file);
        var retouched = PngEncoder.Encode(image, [.. chunks.Select(PngText.FromChunk).OfType<PngText>()]);
        Assert.Equal(["the pixels are not those Atelier wrote (the image was edited after it was made)"], ProvenancePng.Read(retouched, "x.png").Problems);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var file = Edit(ProvenancePng.Encode(Images(2), Provenance(new GridLayout(2), 2)), c => PngText.FromChunk(c)?.Keyword == "atelier:latents" ? null : c);
        var reading = ProvenancePng.Read(file, "x.png");
        Assert.Null(reading.Provenance);
        Assert.Contains("missing atelier:latents", reading.Summary);
    }

    [Fact]
    public void A_truncated_file_says_so_and_names_what_is_missing()
    {
        var file = ProvenancePng.Encode(Images(2), Provenance(new GridLayout(2), 2));
        var cut = file.AsSpan().IndexOf("atelier:latents"u8) + 30; // inside the latents chunk
        var reading = ProvenancePng.Read(file[..cut], "cut.png");
        Assert.Contains("the file is truncated", reading.Summary);
        Assert.Contains("ends inside its iTXt chunk", reading.Summary);
        Assert.Contains("missing atelier:latents, atelier:pixels-sha256, atelier:checksum", reading.Summary);
        Assert.True(reading.HasProvenance);
    }

    [Fact]
    public void A_png_without_provenance_says_so()
    {
        var reading = ProvenancePng.Read(PngEncoder.Encode(new Image(4, 4, 1), [new PngText("Comment", "hello")]), "plain.png");
        Assert.False(reading.HasProvenance);
        Assert.Contains("no Atelier provenance", reading.Summary);
        Assert.Single(reading.Fields);
    }

    [Fact]
    public void Text_that_is_not_a_valid_layout_class_or_latent_is_reported_not_thrown()
    {
        var file = ProvenancePng.Encode(Images(2), Provenance(new GridLayout(2), 2));
        foreach (var (keyword, text) in new[] { ("atelier:layout", "mosaic"), ("atelier:class", "one\ntwo"), ("atelier:latents", "%%%\n%%%"), ("atelier:recipe", "seed 0\nseed 1 truncated 0.01"), ("atelier:truncation", "lots") })
        {
            var reading = ProvenancePng.Read(Edit(file, c => Replace(c, keyword, _ => text)), "x.png");
            Assert.False(reading.IsIntact);
            Assert.Contains("checksum", reading.Summary);
        }
    }
}
