using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Atelier.Tests.Imaging;

/// <summary>
/// Builds PNG files byte by byte, independently of the decoder: chunks with a bitwise CRC,
/// scanlines packed and filtered by the straightforward rules of the specification.
/// </summary>
internal static class PngTestFile
{
    public static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static readonly (int X, int Y, int DX, int DY)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    public static byte[] Png(params byte[][] chunks) => [.. Signature, .. chunks.SelectMany(c => c)];

    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    public static byte[] Ihdr(uint width, uint height, int depth, int colourType, int interlace = 0)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), height);
        (data[8], data[9], data[12]) = ((byte)depth, (byte)colourType, (byte)interlace);
        return Chunk("IHDR", data);
    }

    public static byte[] Iend() => Chunk("IEND", []);

    /// <summary>IDAT chunks holding <paramref name="zlib"/> split into <paramref name="pieces"/> roughly equal parts.</summary>
    public static byte[][] Idat(byte[] zlib, int pieces = 1)
    {
        var chunks = new byte[pieces][];
        for (int i = 0; i < pieces; i++)
        {
            int start = zlib.Length * i / pieces, end = zlib.Length * (i + 1) / pieces;
            chunks[i] = Chunk("IDAT", zlib.AsSpan(start, end - start));
        }
        return chunks;
    }

    public static byte[] Zlib(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(raw);
        return output.ToArray();
    }

    /// <summary>Plain bitwise CRC-32 (polynomial 0xEDB88320), deliberately not table-driven.</summary>
    public static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>Packs samples of <paramref name="depth"/> bits, most significant bits first, 16-bit big-endian.</summary>
    public static byte[] PackRow(IReadOnlyList<int> samples, int depth)
    {
        var row = new byte[(samples.Count * depth + 7) / 8];
        for (int i = 0; i < samples.Count; i++)
        {
            if (depth == 16)
            {
                row[2 * i] = (byte)(samples[i] >> 8);
                row[2 * i + 1] = (byte)samples[i];
            }
            else
            {
                int bit = i * depth;
                row[bit / 8] |= (byte)(samples[i] << (8 - depth - bit % 8));
            }
        }
        return row;
    }

    /// <summary>The filter byte followed by <paramref name="raw"/> filtered with <paramref name="filter"/> against <paramref name="prior"/>.</summary>
    public static byte[] FilterRow(int filter, byte[] raw, byte[] prior, int bpp)
    {
        var output = new byte[1 + raw.Length];
        output[0] = (byte)filter;
        for (int i = 0; i < raw.Length; i++)
        {
            int a = i >= bpp ? raw[i - bpp] : 0, b = prior[i], c = i >= bpp ? prior[i - bpp] : 0;
            int predicted = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => Paeth(a, b, c),
                _ => throw new ArgumentOutOfRangeException(nameof(filter)),
            };
            output[1 + i] = (byte)(raw[i] - predicted);
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
            return a;
        return pb <= pc ? b : c;
    }
}
