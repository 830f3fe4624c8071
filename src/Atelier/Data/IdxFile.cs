using System.Buffers.Binary;
using System.IO.Compression;

namespace Atelier.Data;

/// <summary>
/// Reads the IDX format of the MNIST distribution: a big-endian magic number <c>0x000008NN</c>
/// (0x08 = unsigned bytes, NN = number of dimensions), NN big-endian 32-bit dimension sizes, then
/// exactly the data those sizes declare. Gzip-compressed files are recognised by their first two
/// bytes (1f 8b), whatever their name. Every header field is checked before anything is allocated;
/// any problem is a <see cref="DatasetFormatException"/> naming the file and the failed check.
/// </summary>
public static class IdxFile
{
    /// <summary>Largest size accepted for any one dimension.</summary>
    public const int MaxDimension = 1 << 20;

    /// <summary>Largest data section accepted, in bytes: what one byte array can hold, just under 2^31 − 1.</summary>
    public static long MaxDataBytes => Array.MaxLength;

    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;

    // Without a file length to check the header against (gzip, unseekable streams) the buffer
    // starts at this size and doubles, so a lying header cannot make us allocate up front.
    private const int InitialBufferBytes = 1 << 20;

    private static readonly string[] ImageDimensionNames = ["image count", "row count", "column count"];
    private static readonly string[] LabelDimensionNames = ["label count"];

    /// <summary>Reads an images file (<c>*-idx3-ubyte</c>, optionally gzip-compressed).</summary>
    /// <exception cref="DatasetFormatException">The file is not a valid IDX images file.</exception>
    public static IdxImages ReadImages(string path)
    {
        using var stream = OpenRead(path);
        return ReadImages(stream, path);
    }

    /// <summary>
    /// Reads an images file from the current position of <paramref name="stream"/> to its end;
    /// <paramref name="name"/> is used in error messages.
    /// </summary>
    /// <exception cref="DatasetFormatException">The data is not a valid IDX images file.</exception>
    public static IdxImages ReadImages(Stream stream, string? name = null)
    {
        var (dims, data) = Read(stream, name ?? Describe(stream), ImagesMagic, ImageDimensionNames);
        return new IdxImages(dims[0], dims[1], dims[2], data);
    }

    /// <summary>Reads a labels file (<c>*-idx1-ubyte</c>, optionally gzip-compressed): one byte per label.</summary>
    /// <exception cref="DatasetFormatException">The file is not a valid IDX labels file.</exception>
    public static byte[] ReadLabels(string path)
    {
        using var stream = OpenRead(path);
        return ReadLabels(stream, path);
    }

    /// <summary>
    /// Reads a labels file from the current position of <paramref name="stream"/> to its end;
    /// <paramref name="name"/> is used in error messages.
    /// </summary>
    /// <exception cref="DatasetFormatException">The data is not a valid IDX labels file.</exception>
    public static byte[] ReadLabels(Stream stream, string? name = null) =>
        Read(stream, name ?? Describe(stream), LabelsMagic, LabelDimensionNames).Data;

    private static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    private static string Describe(Stream stream) => stream is FileStream fs ? fs.Name : "<stream>";

    private static (int[] Dims, byte[] Data) Read(Stream stream, string file, int expectedMagic, string[] dimensionNames)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return ReadCore(stream, file, expectedMagic, dimensionNames);
        }
        catch (InvalidDataException ex)
        {
            throw new DatasetFormatException(file, "corrupt gzip data (invalid deflate stream or checksum mismatch); the file is damaged, fetch it again", ex);
        }
    }

    private static (int[] Dims, byte[] Data) ReadCore(Stream stream, string file, int expectedMagic, string[] dimensionNames)
    {
        var head = new byte[4];
        int got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        bool gzip = got >= 2 && head[0] == 0x1F && head[1] == 0x8B;
        long? remaining = null;
        Stream source = stream;
        using var gzipStream = gzip
            ? new GZipStream(new PrefixedStream(head.AsMemory(0, got).ToArray(), stream), CompressionMode.Decompress, leaveOpen: true)
            : null;
        if (gzipStream is not null)
        {
            source = gzipStream;
            got = source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        else if (stream.CanSeek)
        {
            remaining = stream.Length - stream.Position;
        }

        if (got < head.Length)
            throw new DatasetFormatException(file, $"only {got} bytes{(gzip ? " after decompression" : "")}, too short for an IDX header");
        int magic = BinaryPrimitives.ReadInt32BigEndian(head);
        if (magic != expectedMagic)
            throw new DatasetFormatException(file, DescribeBadMagic(magic, expectedMagic));

        int rank = dimensionNames.Length;
        var dimBytes = new byte[4 * rank];
        if (source.ReadAtLeast(dimBytes, dimBytes.Length, throwOnEndOfStream: false) < dimBytes.Length)
            throw new DatasetFormatException(file, $"truncated header: the file ends before the {rank} dimension size(s)");
        remaining -= dimBytes.Length;

        var dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (size == 0)
                throw new DatasetFormatException(file, $"{dimensionNames[i]} is 0");
            if (size > MaxDimension)
                throw new DatasetFormatException(file, $"{dimensionNames[i]} is {size}, over the limit of {MaxDimension}; the header is corrupt or this is not an IDX file");
            dims[i] = (int)size;
            total = checked(total * size);
        }
        if (total > MaxDataBytes)
            throw new DatasetFormatException(file, $"header declares {string.Join(" x ", dims)} = {total} bytes of data, over the limit of {MaxDataBytes}");
        if (remaining < total)
            throw new DatasetFormatException(file, $"truncated: the header declares {total} bytes of data but only {remaining} follow");
        if (remaining > total)
            throw new DatasetFormatException(file, $"{remaining - total} bytes of trailing garbage after the {total} bytes of data the header declares");

        var data = ReadData(source, (int)total, remaining is null ? Math.Min((int)total, InitialBufferBytes) : (int)total, file);
        if (source.ReadByte() >= 0)
            throw new DatasetFormatException(file, $"trailing garbage after the {total} bytes of data the header declares");
        return (dims, data);
    }

    private static byte[] ReadData(Stream source, int total, int initialSize, string file)
    {
        var buffer = new byte[initialSize];
        int filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled == total)
                    return buffer;
                Array.Resize(ref buffer, (int)Math.Min(total, 2L * filled));
            }
            int n = source.Read(buffer.AsSpan(filled));
            if (n == 0)
                throw new DatasetFormatException(file, $"truncated: the header declares {total} bytes of data but the file ends after {filled}");
            filled += n;
        }
    }

    private static string DescribeBadMagic(int magic, int expected)
    {
        string what = expected == ImagesMagic ? "IDX images, *-idx3-ubyte" : "IDX labels, *-idx1-ubyte";
        string hint = magic switch
        {
            LabelsMagic => "; this is a labels file, read it with IdxFile.ReadLabels",
            ImagesMagic => "; this is an images file, read it with IdxFile.ReadImages",
            _ when (magic & 0xFFFFFF00) == 0x00000800 => "; an IDX file of unsigned bytes but with a different number of dimensions",
            _ when (magic & 0xFFFF0000) == 0 => "; an IDX file with an element type other than unsigned bytes (0x08)",
            _ => "; this is not an IDX file",
        };
        return $"bad magic number 0x{magic:X8}, expected 0x{expected:X8} ({what}){hint}";
    }
}
