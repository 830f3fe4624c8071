using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Atelier.IO;

/// <summary>
/// A latent as a NumPy <c>.npy</c> file (format 1.0): a little-endian float32 vector of shape (D,), which
/// <c>numpy.load</c> reads, and which Atelier reads back (also (1, D)) wherever it takes a latent.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    public static void Save(string path, ReadOnlySpan<float> values)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({values.Length},), }}";
        // Magic, version and the header's length take 10 bytes; the header is padded with spaces to a multiple of 64 and ends in '\n'.
        header = header.PadRight((10 + header.Length + 1 + 63) / 64 * 64 - 10 - 1) + "\n";
        var bytes = new byte[10 + header.Length + 4 * values.Length];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header, bytes.AsSpan(10));
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(10 + header.Length + 4 * i), values[i]);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <exception cref="FormatException">The file is not a float32 vector (or a single row) in .npy format 1.0.</exception>
    public static float[] Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic.AsSpan(0, 6)) || bytes[6] != 1)
            throw new FormatException($"{path} is not a .npy file of format 1.0");
        var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.ASCII.GetString(bytes, 10, Math.Min(length, bytes.Length - 10));
        if (Header().Match(header) is not { Success: true } match)
            throw new FormatException($"{path} holds no little-endian float32 vector (its header: {header.Trim()})");
        var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (bytes.Length != 10 + length + 4 * count) throw new FormatException($"{path} should hold {count} float32 values after its header, but has {bytes.Length - 10 - length} bytes");
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(10 + length + 4 * i));
        return values;
    }

    [GeneratedRegex(@"^\{'descr': '<f4', 'fortran_order': False, 'shape': \((?:1, )?(\d+),?\), *\}\s*$")]
    private static partial Regex Header();
}
