using System.Buffers.Binary;
using System.Numerics;

namespace Atelier.Imaging;

/// <summary>
/// Decodes Windows bitmaps (.bmp): the OS/2 core header and the BITMAPINFOHEADER family (V2 to
/// V5), 1-, 4- and 8-bit palettes, 16-bit (5-5-5, or any masks with BI_BITFIELDS such as 5-6-5),
/// 24-bit and 32-bit pixels, bottom-up and top-down row order, rows padded to 4 bytes.
/// </summary>
/// <remarks>
/// <para>Output channels: 4 (RGBA) when the pixels carry a non-zero alpha mask (BI_BITFIELDS with a
/// V3 header or later, or BI_ALPHABITFIELDS); otherwise 3 (RGB), the spare byte of 32-bit pixels
/// being ignored as the format intends. Mask fields of n bits are scaled to 8 bits,
/// round(v × 255 / (2^n − 1)).</para>
/// <para>RLE and embedded JPEG/PNG compression are rejected. The header is checked against
/// <see cref="PngLimits"/> (the same limits as PNG) and against the file's length before anything is
/// allocated. Any problem is an <see cref="ImageFormatException"/> with a one-line message.</para>
/// </remarks>
public static class BmpDecoder
{
    private const int FileHeaderSize = 14;
    private const int BiRgb = 0, BiRle8 = 1, BiRle4 = 2, BiBitFields = 3, BiJpeg = 4, BiPng = 5, BiAlphaBitFields = 6;

    private readonly record struct Mask(uint Bits, int Shift, uint Max)
    {
        public static Mask From(uint bits)
        {
            if (bits == 0)
                return default;
            int shift = BitOperations.TrailingZeroCount(bits);
            uint field = bits >> shift;
            if ((field & (field + 1)) != 0)
                throw Fail($"colour mask 0x{bits:X8} is not one run of bits");
            return new Mask(bits, shift, field);
        }

        public byte Read(uint pixel) => Max == 0 ? (byte)0 : (byte)((((pixel & Bits) >> Shift) * 255UL + Max / 2) / Max);
    }

    /// <summary>Whether <paramref name="data"/> starts like a BMP file ("BM").</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == (byte)'B' && data[1] == (byte)'M';

    /// <summary>Decodes a complete BMP file held in <paramref name="data"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a supported BMP or exceeds <paramref name="limits"/>.</exception>
    public static Image Decode(ReadOnlySpan<byte> data, PngLimits? limits = null)
    {
        limits ??= PngLimits.Default;
        if (!HasSignature(data))
            throw Fail("not a BMP file (it does not start with \"BM\")");
        if (data.Length < FileHeaderSize + 12)
            throw Fail($"file is truncated: {data.Length} bytes is too short for the BMP headers");
        uint pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        if (headerSize is not (12 or 40 or 52 or 56 or 108 or 124))
            throw Fail($"unknown BMP header size {headerSize}; expected 12, 40, 52, 56, 108 or 124");
        if (FileHeaderSize + headerSize > data.Length)
            throw Fail($"file is truncated: the {headerSize}-byte header needs {FileHeaderSize + headerSize} bytes, the file has {data.Length}");
        var header = data.Slice(FileHeaderSize, (int)headerSize);

        int width, height, bitsPerPixel, compression = BiRgb, paletteEntrySize = 4;
        uint coloursUsed = 0;
        bool topDown = false;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
            CheckPlanes(BinaryPrimitives.ReadUInt16LittleEndian(header[8..]));
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
            paletteEntrySize = 3;
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            int signedHeight = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            if (signedHeight == int.MinValue)
                throw Fail($"image height {signedHeight} is invalid");
            topDown = signedHeight < 0;
            height = Math.Abs(signedHeight);
            CheckPlanes(BinaryPrimitives.ReadUInt16LittleEndian(header[12..]));
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(header[14..]);
            compression = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
            coloursUsed = BinaryPrimitives.ReadUInt32LittleEndian(header[32..]);
        }

        CheckSize(width, height, limits);
        switch (compression)
        {
            case BiRle8 or BiRle4:
                throw Fail($"RLE-compressed BMP ({(compression == BiRle8 ? "RLE8" : "RLE4")}) is not supported; re-save the image uncompressed (24-bit BMP) or as PNG");
            case BiJpeg or BiPng:
                throw Fail($"BMP with an embedded {(compression == BiJpeg ? "JPEG" : "PNG")} is not supported; save the image as a plain JPEG or PNG file instead");
            case BiRgb or BiBitFields or BiAlphaBitFields:
                break;
            default:
                throw Fail($"unknown BMP compression {compression}");
        }
        if (bitsPerPixel is not (1 or 4 or 8 or 16 or 24 or 32))
            throw Fail($"unsupported bit depth {bitsPerPixel}; BMP pixels have 1, 4, 8, 16, 24 or 32 bits");
        if (compression != BiRgb && bitsPerPixel is not (16 or 32))
            throw Fail($"bit-field masks need 16- or 32-bit pixels, this file has {bitsPerPixel}-bit");
        if (topDown && compression is not (BiRgb or BiBitFields or BiAlphaBitFields))
            throw Fail("top-down rows are only allowed in uncompressed BMP");

        int afterHeader = FileHeaderSize + (int)headerSize;
        var (red, green, blue, alpha, afterMasks) = ReadMasks(data, header, headerSize, compression, bitsPerPixel, afterHeader);
        byte[]? palette = bitsPerPixel <= 8 ? ReadPalette(data, afterMasks, bitsPerPixel, coloursUsed, paletteEntrySize) : null;

        long stride = ((long)width * bitsPerPixel + 31) / 32 * 4;
        long lastRow = ((long)width * bitsPerPixel + 7) / 8;
        // The final row's padding is often left out by writers, so only its pixel bytes are required.
        long needed = pixelOffset + stride * (height - 1) + lastRow;
        if (pixelOffset < afterHeader || needed > data.Length)
            throw Fail($"file is truncated or its pixel offset {pixelOffset} is wrong: {width}x{height} pixels of {bitsPerPixel} bits need {needed} bytes, the file has {data.Length}");

        int channels = alpha.Max != 0 ? 4 : 3;
        var image = new Image(width, height, channels);
        for (int y = 0; y < height; y++)
        {
            var row = data.Slice((int)(pixelOffset + stride * y), (int)lastRow);
            var target = image.GetRow(topDown ? y : height - 1 - y);
            if (palette is not null)
                ReadIndexedRow(row, target, bitsPerPixel, palette);
            else if (bitsPerPixel == 24)
                ReadBgrRow(row, target);
            else
                ReadMaskedRow(row, target, bitsPerPixel, channels, red, green, blue, alpha);
        }
        return image;
    }

    /// <summary>Decodes the BMP file at <paramref name="path"/>; error messages start with the path.</summary>
    /// <exception cref="ImageFormatException">The file is not a supported BMP or exceeds <paramref name="limits"/>.</exception>
    public static Image Decode(string path, PngLimits? limits = null) => ImageFile.Decode(path, limits, Decode);

    private static void CheckPlanes(int planes)
    {
        if (planes != 1)
            throw Fail($"a BMP has 1 colour plane, this header says {planes}");
    }

    private static void CheckSize(int width, int height, PngLimits limits)
    {
        if (limits.Violation(width, height) is string problem)
            throw Fail(problem);
    }

    private static (Mask Red, Mask Green, Mask Blue, Mask Alpha, int After) ReadMasks(
        ReadOnlySpan<byte> data, ReadOnlySpan<byte> header, uint headerSize, int compression, int bitsPerPixel, int afterHeader)
    {
        if (compression == BiRgb)
        {
            return bitsPerPixel == 16
                ? (Mask.From(0x7C00), Mask.From(0x03E0), Mask.From(0x001F), default, afterHeader)
                : (Mask.From(0xFF0000), Mask.From(0xFF00), Mask.From(0xFF), default, afterHeader);
        }
        int count = compression == BiAlphaBitFields ? 4 : 3;
        ReadOnlySpan<byte> masks;
        int after = afterHeader;
        if (headerSize >= 52)
        {
            // V2 and later headers hold the masks themselves (alpha from V3 on).
            masks = header.Slice(40, Math.Min((int)headerSize - 40, 16));
        }
        else
        {
            // A BITMAPINFOHEADER is followed by the masks.
            if (afterHeader + 4 * count > data.Length)
                throw Fail("file is truncated inside the colour masks");
            masks = data.Slice(afterHeader, 4 * count);
            after += 4 * count;
        }
        uint r = BinaryPrimitives.ReadUInt32LittleEndian(masks);
        uint g = BinaryPrimitives.ReadUInt32LittleEndian(masks[4..]);
        uint b = BinaryPrimitives.ReadUInt32LittleEndian(masks[8..]);
        uint a = masks.Length >= 16 ? BinaryPrimitives.ReadUInt32LittleEndian(masks[12..]) : 0;
        uint pixelBits = bitsPerPixel == 32 ? uint.MaxValue : 0xFFFF;
        if (((r | g | b | a) & ~pixelBits) != 0)
            throw Fail($"colour masks R 0x{r:X} G 0x{g:X} B 0x{b:X} A 0x{a:X} reach beyond the {bitsPerPixel}-bit pixel");
        if ((r & g) != 0 || (r & b) != 0 || (g & b) != 0 || ((r | g | b) & a) != 0)
            throw Fail($"colour masks R 0x{r:X} G 0x{g:X} B 0x{b:X} A 0x{a:X} overlap");
        return (Mask.From(r), Mask.From(g), Mask.From(b), Mask.From(a), after);
    }

    private static byte[] ReadPalette(ReadOnlySpan<byte> data, int start, int bitsPerPixel, uint coloursUsed, int entrySize)
    {
        int maxEntries = 1 << bitsPerPixel;
        if (coloursUsed > maxEntries)
            throw Fail($"palette of {coloursUsed} colours is too large for {bitsPerPixel}-bit pixels (at most {maxEntries})");
        int entries = coloursUsed == 0 ? maxEntries : (int)coloursUsed;
        if (start + (long)entries * entrySize > data.Length)
            throw Fail($"file is truncated inside the palette of {entries} colours");
        var palette = new byte[entries * 3];   // RGB triples
        for (int i = 0; i < entries; i++)
        {
            var entry = data.Slice(start + i * entrySize, 3);
            palette[3 * i] = entry[2];
            palette[3 * i + 1] = entry[1];
            palette[3 * i + 2] = entry[0];
        }
        return palette;
    }

    private static void ReadIndexedRow(ReadOnlySpan<byte> row, Span<byte> target, int bitsPerPixel, byte[] palette)
    {
        int width = target.Length / 3, perByte = 8 / bitsPerPixel, mask = (1 << bitsPerPixel) - 1;
        for (int x = 0; x < width; x++)
        {
            // The leftmost pixel is in the most significant bits.
            int shift = 8 - bitsPerPixel * (x % perByte + 1);
            int index = (row[x / perByte] >> shift) & mask;
            if (3 * index >= palette.Length)
                throw Fail($"pixel refers to colour {index} of a palette of {palette.Length / 3}");
            palette.AsSpan(3 * index, 3).CopyTo(target[(3 * x)..]);
        }
    }

    private static void ReadBgrRow(ReadOnlySpan<byte> row, Span<byte> target)
    {
        for (int i = 0; i < target.Length; i += 3)
        {
            target[i] = row[i + 2];
            target[i + 1] = row[i + 1];
            target[i + 2] = row[i];
        }
    }

    private static void ReadMaskedRow(ReadOnlySpan<byte> row, Span<byte> target, int bitsPerPixel, int channels, Mask red, Mask green, Mask blue, Mask alpha)
    {
        int width = target.Length / channels, bytes = bitsPerPixel / 8;
        for (int x = 0; x < width; x++)
        {
            uint pixel = bytes == 2
                ? BinaryPrimitives.ReadUInt16LittleEndian(row[(2 * x)..])
                : BinaryPrimitives.ReadUInt32LittleEndian(row[(4 * x)..]);
            var pixelOut = target.Slice(x * channels, channels);
            pixelOut[0] = red.Read(pixel);
            pixelOut[1] = green.Read(pixel);
            pixelOut[2] = blue.Read(pixel);
            if (channels == 4)
                pixelOut[3] = alpha.Read(pixel);
        }
    }

    private static ImageFormatException Fail(string problem) => new(problem);
}
