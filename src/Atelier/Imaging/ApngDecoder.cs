using System.Buffers.Binary;

namespace Atelier.Imaging;

/// <summary>
/// Reads the frames of an animated PNG whose frames each cover the whole canvas (as <see cref="ApngEncoder"/>
/// writes them): each frame's data is rewrapped as a plain PNG and decoded by <see cref="PngDecoder"/>.
/// A PNG without an acTL chunk is one frame.
/// </summary>
public static class ApngDecoder
{
    /// <exception cref="ImageFormatException">The file is damaged, or uses partial frames, which this reader does not compose.</exception>
    public static IReadOnlyList<Image> Decode(ReadOnlySpan<byte> file)
    {
        var (chunks, damage) = PngChunks.Read(file);
        if (damage is not null) throw new ImageFormatException(damage);
        if (!chunks.Any(c => c.Type == "acTL")) return [PngDecoder.Decode(file)];
        var ihdr = chunks[0];
        if (ihdr.Type != "IHDR" || ihdr.Data.Length != 13) throw new ImageFormatException($"first chunk is {ihdr.Type}, expected IHDR");
        var header = chunks.TakeWhile(c => c.Type != "IDAT").Where(c => c.Type is "PLTE" or "tRNS").ToList();
        int width = BinaryPrimitives.ReadInt32BigEndian(ihdr.Data), height = BinaryPrimitives.ReadInt32BigEndian(ihdr.Data.AsSpan(4));
        var declared = BinaryPrimitives.ReadInt32BigEndian(chunks.First(c => c.Type == "acTL").Data);

        var frames = new List<Image>();
        List<byte[]>? data = null;
        foreach (var chunk in chunks.Append(new PngChunk("IEND", [])))
        {
            if (chunk.Type is "fcTL" or "IEND" && data is not null)
            {
                frames.Add(DecodeFrame(ihdr, header, data));
                data = null;
            }
            if (chunk.Type == "fcTL")
            {
                var fctl = chunk.Data;
                if (fctl.Length != 26 || BinaryPrimitives.ReadInt32BigEndian(fctl.AsSpan(4)) != width || BinaryPrimitives.ReadInt32BigEndian(fctl.AsSpan(8)) != height
                    || BinaryPrimitives.ReadInt64BigEndian(fctl.AsSpan(12)) != 0)
                    throw new ImageFormatException("an APNG frame smaller than the canvas (this reader handles whole-canvas frames only)");
                data = [];
            }
            else if (chunk.Type == "IDAT") data?.Add(chunk.Data);   // without an fcTL before it, IDAT is a still image outside the animation
            else if (chunk.Type == "fdAT" && data is not null && chunk.Data.Length >= 4) data.Add(chunk.Data[4..]);
        }
        if (frames.Count != declared)
            throw new ImageFormatException($"the acTL chunk declares {declared} frames, the file holds {frames.Count}");
        return frames;
    }

    private static Image DecodeFrame(PngChunk ihdr, IReadOnlyList<PngChunk> header, IReadOnlyList<byte[]> data)
    {
        using var png = new MemoryStream();
        png.Write(PngChunks.Signature);
        PngChunks.Write(png, "IHDR", ihdr.Data);
        foreach (var chunk in header) PngChunks.Write(png, chunk.Type, chunk.Data);
        foreach (var part in data) PngChunks.Write(png, "IDAT", part);
        PngChunks.Write(png, "IEND", []);
        return PngDecoder.Decode(png.ToArray());
    }
}
