using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Atelier.Imaging;

/// <summary>
/// Decodes PNG files (ISO/IEC 15948): every colour type and legal bit depth, PLTE and tRNS,
/// Adam7 interlacing, all five filter types and image data split over any number of IDAT chunks.
/// </summary>
/// <remarks>
/// <para>Output channels: grey → 1; RGB and palette → 3; grey+alpha, RGBA, and any image with a
/// tRNS chunk → 4 (RGBA, grey replicated into R, G and B).</para>
/// <para>Samples become 8 bits: 1-, 2- and 4-bit grey is scaled to 0–255 (v × 255 / (2^depth − 1));
/// 16-bit samples are rounded, round(v × 255 / 65535), which is exactly the high byte whenever the
/// low byte repeats it (as in any 8-bit value scaled up to 16 bits). tRNS colour keys are compared
/// at the file's own bit depth, before this reduction.</para>
/// <para>Every chunk's CRC is checked; unknown ancillary chunks are skipped, unknown critical ones
/// rejected. The header is checked against <see cref="PngLimits"/> before anything is allocated,
/// and inflation stops as soon as the data exceeds what the header implies. Any problem is an
/// <see cref="ImageFormatException"/> with a one-line message naming it.</para>
/// </remarks>
public static class PngDecoder
{
    // Deflate cannot expand data by more than 1032:1 (zlib FAQ), so an image needing more than
    // that from its IDAT bytes is certainly truncated; this is checked before allocating the output.
    private const long MaxDeflateRatio = 1032;

    private static readonly (int X, int Y, int DX, int DY)[] Adam7Passes =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    private sealed record Header(int Width, int Height, int BitDepth, int ColourType, bool Interlaced)
    {
        public int SamplesPerPixel => ColourType switch { 0 or 3 => 1, 2 => 3, 4 => 2, _ => 4 };

        public int BitsPerPixel => SamplesPerPixel * BitDepth;

        /// <summary>The byte distance filters look back ("bpp" in the specification).</summary>
        public int FilterDistance => Math.Max(1, BitsPerPixel / 8);

        public long RowBytes(int width) => ((long)width * BitsPerPixel + 7) / 8;
    }

    private sealed record Contents(Header Header, byte[]? Palette, byte[]? PaletteAlpha, int[]? ColourKey, byte[] ImageData);

    /// <summary>Decodes a complete PNG file held in <paramref name="data"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid PNG or exceeds <paramref name="limits"/>.</exception>
    public static Image Decode(ReadOnlySpan<byte> data, PngLimits? limits = null) =>
        DecodePixels(ReadChunks(data, limits ?? PngLimits.Default));

    /// <summary>Decodes a PNG file read from the current position of <paramref name="stream"/> to its end.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid PNG or exceeds <paramref name="limits"/>.</exception>
    public static Image Decode(Stream stream, PngLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), limits);
    }

    /// <summary>Decodes the PNG file at <paramref name="path"/>; error messages start with the path.</summary>
    /// <exception cref="ImageFormatException">The file is not a valid PNG or exceeds <paramref name="limits"/>.</exception>
    public static Image Decode(string path, PngLimits? limits = null) => ImageFile.Decode(path, limits, Decode);

    private static Contents ReadChunks(ReadOnlySpan<byte> data, PngLimits limits)
    {
        if (data.Length < Signature.Length || !data[..Signature.Length].SequenceEqual(Signature))
            throw Fail("not a PNG file (bad signature)");

        Header? header = null;
        byte[]? palette = null, paletteAlpha = null;
        int[]? colourKey = null;
        bool seenTransparency = false, inImageData = false, afterImageData = false;
        var imageData = new List<(int Start, int Length)>();
        long imageDataLength = 0;
        int pos = Signature.Length;
        while (true)
        {
            if (pos == data.Length)
                throw Fail("missing IEND chunk (the file is truncated)");
            if (data.Length - pos < 12)
                throw Fail($"truncated chunk at byte {pos}: {data.Length - pos} bytes left, a chunk needs at least 12");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            var typeBytes = data.Slice(pos + 4, 4);
            foreach (byte b in typeBytes)
            {
                if (!char.IsAsciiLetter((char)b))
                    throw Fail($"invalid chunk type bytes at byte {pos} (corrupt file)");
            }
            string type = Encoding.ASCII.GetString(typeBytes);
            if (length > int.MaxValue)
                throw Fail($"{type} chunk at byte {pos} declares length {length}, over the PNG maximum of 2^31 - 1");
            if (data.Length - pos - 12 < length)
                throw Fail($"truncated {type} chunk at byte {pos}: it declares {length} data bytes, only {data.Length - pos - 12} follow");
            var body = data.Slice(pos + 8, (int)length);
            if (Crc32.Compute(data.Slice(pos + 4, 4 + (int)length)) != BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 8 + (int)length)..]))
                throw Fail($"bad CRC in {type} chunk at byte {pos} (corrupt file)");
            int bodyStart = pos + 8;
            pos += 12 + (int)length;

            if (header is null && type != "IHDR")
                throw Fail($"first chunk is {type}, expected IHDR");
            if (inImageData && type != "IDAT")
                (inImageData, afterImageData) = (false, true);
            switch (type)
            {
                case "IHDR":
                    if (header is not null)
                        throw Fail("more than one IHDR chunk");
                    header = ParseHeader(body, limits);
                    break;
                case "PLTE":
                    // A PLTE in a non-palette image is only a display hint; ignore it.
                    if (header!.ColourType != 3)
                        break;
                    if (palette is not null)
                        throw Fail("more than one PLTE chunk");
                    if (inImageData || afterImageData)
                        throw Fail("PLTE chunk after the image data");
                    if (length == 0 || length % 3 != 0 || length > 3 * 256)
                        throw Fail($"PLTE chunk length {length} is not 3 bytes × 1 to 256 entries");
                    palette = body.ToArray();
                    break;
                case "tRNS":
                    if (seenTransparency)
                        throw Fail("more than one tRNS chunk");
                    seenTransparency = true;
                    if (inImageData || afterImageData)
                        throw Fail("tRNS chunk after the image data");
                    (paletteAlpha, colourKey) = ParseTransparency(header!, body, palette);
                    break;
                case "IDAT":
                    if (afterImageData)
                        throw Fail("IDAT chunks are not consecutive");
                    if (header!.ColourType == 3 && palette is null)
                        throw Fail("palette image has no PLTE chunk before its image data");
                    inImageData = true;
                    imageData.Add((bodyStart, (int)length));
                    imageDataLength += length;
                    break;
                case "IEND":
                    if (!inImageData && !afterImageData)
                        throw Fail("missing IDAT chunk (the file has no image data)");
                    var compressed = new byte[imageDataLength];
                    int offset = 0;
                    foreach (var (start, count) in imageData)
                    {
                        data.Slice(start, count).CopyTo(compressed.AsSpan(offset));
                        offset += count;
                    }
                    // Anything after IEND is ignored, as other decoders do.
                    return new Contents(header!, palette, paletteAlpha, colourKey, compressed);
                default:
                    // Bit 5 of the first letter clear (upper case) marks a chunk the image cannot be read without.
                    if ((typeBytes[0] & 0x20) == 0)
                        throw Fail($"unknown critical chunk {type}");
                    break;
            }
        }
    }

    private static Header ParseHeader(ReadOnlySpan<byte> body, PngLimits limits)
    {
        if (body.Length != 13)
            throw Fail($"IHDR chunk has length {body.Length}, expected 13");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(body);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        int depth = body[8], colourType = body[9], compression = body[10], filter = body[11], interlace = body[12];
        if (limits.Violation(width, height) is string problem)
            throw Fail(problem);
        if (colourType is not (0 or 2 or 3 or 4 or 6))
            throw Fail($"invalid colour type {colourType}");
        bool depthAllowed = colourType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            _ => depth is 8 or 16,
        };
        if (!depthAllowed)
            throw Fail($"invalid bit depth {depth} for colour type {colourType}");
        if (compression != 0)
            throw Fail($"unknown compression method {compression}");
        if (filter != 0)
            throw Fail($"unknown filter method {filter}");
        if (interlace > 1)
            throw Fail($"unknown interlace method {interlace}");
        return new Header((int)width, (int)height, depth, colourType, interlace == 1);
    }

    private static (byte[]? PaletteAlpha, int[]? ColourKey) ParseTransparency(Header header, ReadOnlySpan<byte> body, byte[]? palette)
    {
        switch (header.ColourType)
        {
            case 3:
                if (palette is null)
                    throw Fail("tRNS chunk before PLTE");
                if (body.Length > palette.Length / 3)
                    throw Fail($"tRNS chunk has {body.Length} entries, more than the {palette.Length / 3} in the palette");
                return (body.ToArray(), null);
            case 0:
                if (body.Length != 2)
                    throw Fail($"tRNS chunk of a grey image has length {body.Length}, expected 2");
                return (null, [BinaryPrimitives.ReadUInt16BigEndian(body)]);
            case 2:
                if (body.Length != 6)
                    throw Fail($"tRNS chunk of an RGB image has length {body.Length}, expected 6");
                return (null, [BinaryPrimitives.ReadUInt16BigEndian(body), BinaryPrimitives.ReadUInt16BigEndian(body[2..]), BinaryPrimitives.ReadUInt16BigEndian(body[4..])]);
            default:
                // Not allowed with an alpha channel; harmless, so ignored.
                return (null, null);
        }
    }

    private static Image DecodePixels(Contents contents)
    {
        var header = contents.Header;
        int channels = header.ColourType switch
        {
            0 => contents.ColourKey is null ? 1 : 4,
            2 => contents.ColourKey is null ? 3 : 4,
            3 => contents.PaletteAlpha is null ? 3 : 4,
            _ => 4,
        };
        var passes = header.Interlaced ? Adam7Passes : [(0, 0, 1, 1)];
        long expected = 0;
        foreach (var (x, y, dx, dy) in passes)
        {
            int width = PassSize(header.Width, x, dx), height = PassSize(header.Height, y, dy);
            if (width > 0 && height > 0)
                expected += height * (1 + header.RowBytes(width));
        }
        if ((contents.ImageData.Length + 16L) * MaxDeflateRatio < expected)
            throw Fail($"truncated image data: {contents.ImageData.Length} compressed bytes cannot hold the {expected} bytes a {header.Width}x{header.Height} image needs");
        if ((long)header.Width * header.Height * channels > Array.MaxLength || header.RowBytes(header.Width) >= Array.MaxLength)
            throw Fail($"image size {header.Width}x{header.Height} is too large to hold in memory");

        var image = new Image(header.Width, header.Height, channels);
        var writer = new PixelWriter(header, image, contents.Palette, contents.PaletteAlpha, contents.ColourKey);
        using var inflater = new ZLibStream(new MemoryStream(contents.ImageData, writable: false), CompressionMode.Decompress);
        try
        {
            for (int p = 0; p < passes.Length; p++)
            {
                var (x, y, dx, dy) = passes[p];
                int width = PassSize(header.Width, x, dx), height = PassSize(header.Height, y, dy);
                if (width > 0 && height > 0)
                    DecodePass(inflater, header, writer, (x, y, dx, dy), width, height, header.Interlaced ? $" of pass {p + 1}" : "");
            }
            // One byte more is enough to know; never inflate the excess.
            if (inflater.ReadByte() >= 0)
                throw Fail("more image data than the header declares");
        }
        catch (InvalidDataException ex)
        {
            throw Fail("corrupt compressed image data (invalid zlib stream or checksum mismatch)", ex);
        }
        return image;
    }

    private static int PassSize(int size, int start, int step) => (size - start + step - 1) / step;

    private static void DecodePass(Stream inflater, Header header, PixelWriter writer, (int X, int Y, int DX, int DY) pass, int width, int height, string where)
    {
        int rowBytes = (int)header.RowBytes(width);
        var current = new byte[1 + rowBytes];
        var previous = new byte[1 + rowBytes];
        for (int row = 0; row < height; row++)
        {
            if (inflater.ReadAtLeast(current, current.Length, throwOnEndOfStream: false) < current.Length)
                throw Fail($"truncated image data: the compressed stream ends in row {row}{where}");
            int filter = current[0];
            if (filter > 4)
                throw Fail($"bad filter type {filter} in row {row}{where}");
            Unfilter(filter, current.AsSpan(1), previous.AsSpan(1), header.FilterDistance);
            writer.WriteRow(current.AsSpan(1), pass.Y + row * pass.DY, pass.X, pass.DX, width);
            (current, previous) = (previous, current);
        }
    }

    private static void Unfilter(int filter, Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        int lead = Math.Min(bpp, row.Length);
        switch (filter)
        {
            case 1:
                for (int i = bpp; i < row.Length; i++)
                    row[i] += row[i - bpp];
                break;
            case 2:
                for (int i = 0; i < row.Length; i++)
                    row[i] += prior[i];
                break;
            case 3:
                for (int i = 0; i < lead; i++)
                    row[i] += (byte)(prior[i] >> 1);
                for (int i = bpp; i < row.Length; i++)
                    row[i] += (byte)((row[i - bpp] + prior[i]) >> 1);
                break;
            case 4:
                for (int i = 0; i < lead; i++)
                    row[i] += prior[i];
                for (int i = bpp; i < row.Length; i++)
                    row[i] += Paeth(row[i - bpp], prior[i], prior[i - bpp]);
                break;
        }
    }

    /// <summary>The Paeth predictor of the PNG specification: whichever of left, up, up-left is closest to left + up − up-left.</summary>
    internal static byte Paeth(byte left, byte up, byte upLeft)
    {
        int p = left + up - upLeft;
        int pa = Math.Abs(p - left), pb = Math.Abs(p - up), pc = Math.Abs(p - upLeft);
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }

    private static ImageFormatException Fail(string problem, Exception? inner = null) => new(problem, null, inner);

    /// <summary>Converts unfiltered scanlines into the output image's 8-bit pixels.</summary>
    private sealed class PixelWriter(Header header, Image image, byte[]? palette, byte[]? paletteAlpha, int[]? colourKey)
    {
        public void WriteRow(ReadOnlySpan<byte> row, int y, int x0, int dx, int count)
        {
            int channels = image.Channels, depth = header.BitDepth, samples = header.SamplesPerPixel;
            var output = image.GetRow(y);
            if (depth == 8 && dx == 1 && samples == channels)
            {
                row[..output.Length].CopyTo(output);
                return;
            }
            for (int i = 0; i < count; i++)
            {
                var px = output.Slice((x0 + i * dx) * channels, channels);
                int s = i * samples;
                switch (header.ColourType)
                {
                    case 0:
                    {
                        int grey = Sample(row, s, depth);
                        px[0] = Scale(grey, depth);
                        if (channels == 4)
                        {
                            px[1] = px[2] = px[0];
                            px[3] = grey == colourKey![0] ? (byte)0 : (byte)255;
                        }
                        break;
                    }
                    case 2:
                    {
                        int r = Sample(row, s, depth), g = Sample(row, s + 1, depth), b = Sample(row, s + 2, depth);
                        (px[0], px[1], px[2]) = (Scale(r, depth), Scale(g, depth), Scale(b, depth));
                        if (channels == 4)
                            px[3] = r == colourKey![0] && g == colourKey[1] && b == colourKey[2] ? (byte)0 : (byte)255;
                        break;
                    }
                    case 3:
                    {
                        int index = Sample(row, s, depth);
                        if (index >= palette!.Length / 3)
                            throw Fail($"palette index {index} is out of range (the palette has {palette.Length / 3} entries)");
                        palette.AsSpan(3 * index, 3).CopyTo(px);
                        if (channels == 4)
                            px[3] = index < paletteAlpha!.Length ? paletteAlpha[index] : (byte)255;
                        break;
                    }
                    case 4:
                        px[0] = px[1] = px[2] = Scale(Sample(row, s, depth), depth);
                        px[3] = Scale(Sample(row, s + 1, depth), depth);
                        break;
                    default:
                        for (int c = 0; c < 4; c++)
                            px[c] = Scale(Sample(row, s + c, depth), depth);
                        break;
                }
            }
        }

        private static int Sample(ReadOnlySpan<byte> row, int index, int depth) => depth switch
        {
            8 => row[index],
            16 => (row[2 * index] << 8) | row[2 * index + 1],
            _ => (row[(index * depth) >> 3] >> (8 - depth - ((index * depth) & 7))) & ((1 << depth) - 1),
        };

        private static byte Scale(int value, int depth) => depth switch
        {
            8 => (byte)value,
            16 => (byte)((value * 255 + 32767) / 65535),
            _ => (byte)(value * 255 / ((1 << depth) - 1)),
        };
    }
}
