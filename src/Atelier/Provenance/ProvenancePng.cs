using System.Buffers.Binary;
using System.Security.Cryptography;
using Atelier.Imaging;
using Atelier.IO;

namespace Atelier.Provenance;

/// <summary>
/// Writes generated images as PNG files that carry their <see cref="ImageProvenance"/>, and reads and checks it back:
/// the fields' checksum, each evaluable recipe against its stored latent, and the pixels against their recorded hash.
/// </summary>
public static class ProvenancePng
{
    /// <summary>The file for images (N, C, H, W) in [0, 1], one per cell of <paramref name="provenance"/>, laid out as it says.</summary>
    public static byte[] Encode(Tensor images, ImageProvenance provenance)
    {
        if (images.Dim(0) != provenance.Cells.Count)
            throw new ArgumentException($"{images.Dim(0)} images for a provenance of {provenance.Cells.Count} cells");
        var pictures = provenance.Layout.Render(images);
        return provenance.Layout.Encode(pictures, ProvenanceFields.Write(provenance, PixelsSha256(pictures)));
    }

    /// <summary>Encodes as <see cref="Encode"/> does and writes the file atomically.</summary>
    public static void Save(string path, Tensor images, ImageProvenance provenance) => AtomicFile.WriteAllBytes(path, Encode(images, provenance));

    /// <summary>Reads and checks the provenance of the PNG at <paramref name="path"/>.</summary>
    /// <exception cref="ImageFormatException">The file is not a PNG at all.</exception>
    public static ProvenanceReading Read(string path)
    {
        var file = System.IO.File.ReadAllBytes(path);
        try
        {
            return Read(file, path);
        }
        catch (ImageFormatException e)
        {
            throw new ImageFormatException(e.Problem, path, e);
        }
    }

    /// <summary>Reads and checks the provenance in <paramref name="file"/>, naming it <paramref name="name"/> in messages.</summary>
    public static ProvenanceReading Read(byte[] file, string name)
    {
        var (chunks, damage) = PngChunks.Read(file);
        var texts = chunks.Select(PngText.FromChunk).OfType<PngText>().ToList();
        var problems = new List<string>();
        if (damage is not null) problems.Add(damage);
        if (!texts.Any(t => ProvenanceFields.IsAtelierField(t.Keyword)))
        {
            problems.Add("it has no Atelier provenance (no atelier:* text fields): it was not made by Atelier, or its metadata was removed");
            return new ProvenanceReading(name, texts, null, problems);
        }
        var (provenance, pixelsSha256, fieldProblems) = ProvenanceFields.Read(texts);
        problems.AddRange(fieldProblems);
        if (provenance is null) return new ProvenanceReading(name, texts, null, problems);

        for (var i = 0; i < provenance.Cells.Count; i++)
        {
            var cell = provenance.Cells[i];
            try
            {
                if (cell.Recipe.Evaluate(cell.Latent.Length) is float[] made && !made.AsSpan().SequenceEqual(cell.Latent))
                    problems.Add($"image {i}'s recipe '{cell.Recipe}' does not make its stored latent");
            }
            catch (ArgumentException e)
            {
                problems.Add($"image {i}'s recipe '{cell.Recipe}' cannot be evaluated ({e.Message})");
            }
        }
        if (damage is null)
        {
            try
            {
                if (PixelsSha256(provenance.Layout.Decode(file)) != pixelsSha256)
                    problems.Add("the pixels are not those Atelier wrote (the image was edited after it was made)");
            }
            catch (ImageFormatException e)
            {
                problems.Add($"the image data cannot be read ({e.Problem})");
            }
        }
        return new ProvenanceReading(name, texts, provenance, problems);
    }

    /// <summary>SHA-256 over each picture's width, height and channels (little-endian int32) and its pixel bytes.</summary>
    private static string PixelsSha256(IReadOnlyList<Image> pictures)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[12];
        foreach (var picture in pictures)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header, picture.Width);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], picture.Height);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], picture.Channels);
            hash.AppendData(header);
            hash.AppendData(picture.Pixels);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
