using Atelier.IO;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Atelier.Imaging;

/// <summary>
/// Encodes 8-bit grey, RGB or RGBA images as non-interlaced PNG. Each row gets the filter
/// (None, Sub, Up, Average or Paeth) whose output has the smallest sum of absolute values taken
/// as signed bytes, the usual heuristic for what deflate compresses best.
/// </summary>
public static class PngEncoder
{
    private const int MaxIdatChunk = 1 << 16;

    /// <summary>Encodes <paramref name="image"/> as a PNG file, with <paramref name="text"/> as iTXt chunks before the image data.</summary>
    public static byte[] Encode(Image image, IReadOnlyList<PngText>? text = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var output = new MemoryStream();
        WriteHeader(output, image, text);
        WriteImageData(output, "IDAT", Compress(image), sequence: null);
        PngChunks.Write(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Encodes <paramref name="image"/> (with <paramref name="text"/>) and writes it to <paramref name="path"/> atomically (temporary file in the same folder, then rename).</summary>
    public static void Save(Image image, string path, IReadOnlyList<PngText>? text = null) => AtomicFile.WriteAllBytes(path, Encode(image, text));

    /// <summary>The signature, IHDR for <paramref name="image"/>'s size and channels, and the text chunks.</summary>
    internal static void WriteHeader(Stream output, Image image, IReadOnlyList<PngText>? text)
    {
        output.Write(PngChunks.Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], image.Height);
        ihdr[8] = 8;
        ihdr[9] = image.Channels switch { 1 => 0, 3 => 2, _ => 6 };
        PngChunks.Write(output, "IHDR", ihdr);
        foreach (var entry in text ?? []) PngChunks.Write(output, "iTXt", entry.ToITxt());
    }

    /// <summary>
    /// Writes compressed image data as <paramref name="type"/> chunks of at most 64 KiB; an APNG's fdAT chunks
    /// start with a sequence number, which <paramref name="sequence"/> supplies and advances.
    /// </summary>
    internal static void WriteImageData(Stream output, string type, byte[] compressed, Func<int>? sequence)
    {
        var prefix = sequence is null ? 0 : 4;
        var buffer = new byte[prefix + MaxIdatChunk];
        for (int offset = 0; offset < compressed.Length; offset += MaxIdatChunk)
        {
            var size = Math.Min(MaxIdatChunk, compressed.Length - offset);
            if (sequence is not null) BinaryPrimitives.WriteInt32BigEndian(buffer, sequence());
            compressed.AsSpan(offset, size).CopyTo(buffer.AsSpan(prefix));
            PngChunks.Write(output, type, buffer.AsSpan(0, prefix + size));
        }
    }

    /// <summary>The zlib stream of the image's filtered rows (what its IDAT chunks hold).</summary>
    internal static byte[] Compress(Image image)
    {
        int stride = image.Stride, bpp = image.Channels;
        var candidates = new byte[5][];
        for (int f = 0; f < candidates.Length; f++)
            candidates[f] = new byte[1 + stride];
        var zero = new byte[stride];

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < image.Height; y++)
            {
                ReadOnlySpan<byte> row = image.GetRow(y);
                ReadOnlySpan<byte> prior = y == 0 ? zero : image.GetRow(y - 1);
                byte[] best = candidates[0];
                long bestCost = long.MaxValue;
                for (int f = 0; f < candidates.Length; f++)
                {
                    long cost = Filter(f, row, prior, bpp, candidates[f]);
                    if (cost < bestCost)
                        (best, bestCost) = (candidates[f], cost);
                }
                zlib.Write(best);
            }
        }
        return compressed.ToArray();
    }

    /// <summary>Writes filter byte <paramref name="filter"/> and the filtered row into <paramref name="output"/>; returns the row's cost.</summary>
    private static long Filter(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> output)
    {
        output[0] = (byte)filter;
        var filtered = output[1..];
        int lead = Math.Min(bpp, row.Length);
        switch (filter)
        {
            case 0:
                row.CopyTo(filtered);
                break;
            case 1:
                row[..lead].CopyTo(filtered);
                for (int i = bpp; i < row.Length; i++)
                    filtered[i] = (byte)(row[i] - row[i - bpp]);
                break;
            case 2:
                for (int i = 0; i < row.Length; i++)
                    filtered[i] = (byte)(row[i] - prior[i]);
                break;
            case 3:
                for (int i = 0; i < lead; i++)
                    filtered[i] = (byte)(row[i] - (prior[i] >> 1));
                for (int i = bpp; i < row.Length; i++)
                    filtered[i] = (byte)(row[i] - ((row[i - bpp] + prior[i]) >> 1));
                break;
            default:
                for (int i = 0; i < lead; i++)
                    filtered[i] = (byte)(row[i] - prior[i]);
                for (int i = bpp; i < row.Length; i++)
                    filtered[i] = (byte)(row[i] - PngDecoder.Paeth(row[i - bpp], prior[i], prior[i - bpp]));
                break;
        }
        long cost = 0;
        foreach (byte value in filtered)
            cost += Math.Abs((int)(sbyte)value);
        return cost;
    }
}
