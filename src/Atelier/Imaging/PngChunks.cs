using System.Buffers.Binary;
using System.Text;

namespace Atelier.Imaging;

/// <summary>One chunk of a PNG file: its four-letter type and its data (without length and CRC).</summary>
internal sealed record PngChunk(string Type, byte[] Data);

/// <summary>
/// The chunk framing of PNG (length, type, data, CRC) for writers, and a lenient reader for metadata: it
/// returns the chunks it could read and, instead of failing, says where a damaged or truncated file stops.
/// </summary>
internal static class PngChunks
{
    public static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    public static void Write(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        Encoding.ASCII.GetBytes(type, header[4..]);
        output.Write(header);
        output.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Append(Crc32.Compute(header[4..]), data));
        output.Write(crc);
    }

    /// <summary>
    /// The chunks of <paramref name="file"/> up to IEND, and <c>Damage</c>: null when the file reached IEND intact,
    /// else what stopped the reading (truncation, a bad CRC). Only a missing PNG signature is an exception.
    /// </summary>
    /// <exception cref="ImageFormatException">The data does not start with the PNG signature.</exception>
    public static (IReadOnlyList<PngChunk> Chunks, string? Damage) Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < Signature.Length || !file[..Signature.Length].SequenceEqual(Signature))
            throw new ImageFormatException("not a PNG file (bad signature)");
        var chunks = new List<PngChunk>();
        var pos = Signature.Length;
        while (true)
        {
            if (file.Length - pos < 12)
                return (chunks, $"the file is truncated: it ends after {file.Length} bytes, before the IEND chunk");
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[pos..]);
            var type = Encoding.ASCII.GetString(file.Slice(pos + 4, 4));
            if (length > int.MaxValue || file.Length - pos - 12 < length)
                return (chunks, $"the file is truncated: it ends inside its {type} chunk at byte {pos} ({file.Length} bytes in all)");
            var body = file.Slice(pos + 8, (int)length);
            if (Crc32.Compute(file.Slice(pos + 4, 4 + (int)length)) != BinaryPrimitives.ReadUInt32BigEndian(file[(pos + 8 + (int)length)..]))
                return (chunks, $"the {type} chunk at byte {pos} is damaged (bad CRC)");
            pos += 12 + (int)length;
            if (type == "IEND") return (chunks, null);
            chunks.Add(new PngChunk(type, body.ToArray()));
        }
    }
}
