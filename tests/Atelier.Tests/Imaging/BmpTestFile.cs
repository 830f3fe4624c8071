using System.Buffers.Binary;

namespace Atelier.Tests.Imaging;

/// <summary>Builds BMP files byte by byte for the decoder tests, written from the format description.</summary>
internal static class BmpTestFile
{
    /// <summary>
    /// A BMP with a header of <paramref name="headerSize"/> bytes, then <paramref name="afterHeader"/>
    /// (masks for a 40-byte header, palette entries), then the given rows, each padded to 4 bytes,
    /// stored in the order given (the caller decides bottom-up or top-down).
    /// </summary>
    public static byte[] Build(int width, int height, int bitsPerPixel, byte[][] rows, int headerSize = 40,
        int compression = 0, byte[]? afterHeader = null, uint[]? headerMasks = null, uint coloursUsed = 0)
    {
        afterHeader ??= [];
        int stride = (width * bitsPerPixel + 31) / 32 * 4;
        int offset = 14 + headerSize + afterHeader.Length;
        var file = new byte[offset + stride * rows.Length];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), offset);
        var header = file.AsSpan(14, headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(header, headerSize);
        if (headerSize == 12)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)width);
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)height);
            BinaryPrimitives.WriteUInt16LittleEndian(header[8..], 1);
            BinaryPrimitives.WriteUInt16LittleEndian(header[10..], (ushort)bitsPerPixel);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], width);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], height);
            BinaryPrimitives.WriteUInt16LittleEndian(header[12..], 1);
            BinaryPrimitives.WriteUInt16LittleEndian(header[14..], (ushort)bitsPerPixel);
            BinaryPrimitives.WriteInt32LittleEndian(header[16..], compression);
            BinaryPrimitives.WriteInt32LittleEndian(header[20..], stride * rows.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[32..], coloursUsed);
            for (int i = 0; headerMasks is not null && i < headerMasks.Length; i++)
                BinaryPrimitives.WriteUInt32LittleEndian(header[(40 + 4 * i)..], headerMasks[i]);
        }
        afterHeader.CopyTo(file, 14 + headerSize);
        for (int y = 0; y < rows.Length; y++)
            rows[y].CopyTo(file, offset + y * stride);
        return file;
    }

    public static byte[] Words(params uint[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    public static byte[] Shorts(params ushort[] values)
    {
        var bytes = new byte[2 * values.Length];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        return bytes;
    }
}
