using System.Buffers.Binary;

namespace Atelier.Imaging.Jpeg;

/// <summary>
/// Decodes JPEG files. Baseline and extended sequential Huffman-coded JPEGs with 8-bit samples are
/// decoded in managed code: grey, YCbCr (JFIF) and Adobe RGB, any sampling factors (4:4:4, 4:2:2,
/// 4:2:0, …), interleaved or one-component scans, restart intervals; APPn (EXIF, ICC, …) and COM
/// segments are skipped. Progressive and arithmetic-coded files go to the system TurboJPEG library
/// (libturbojpeg.so.0) when it can be loaded, else they are rejected with a message naming the package.
/// </summary>
/// <remarks>
/// <para>Output channels: 1 for grey, 3 (RGB) otherwise. Chroma is upsampled by linear interpolation
/// between sample centres (libjpeg's "fancy" upsampling for factors of 2) and converted with the JFIF
/// equations R = Y + 1.402 (Cr − 128), G = Y − 0.344136 (Cb − 128) − 0.714136 (Cr − 128),
/// B = Y + 1.772 (Cb − 128). Pixels can differ from libjpeg's by a level or two (its integer IDCT).</para>
/// <para>CMYK and YCCK files, 12-bit samples, lossless and hierarchical JPEG are rejected. The frame
/// size is checked against <see cref="PngLimits"/> before anything is allocated; a scan that ends
/// early is an error. Any problem is an <see cref="ImageFormatException"/> with a one-line message.</para>
/// </remarks>
public static class JpegDecoder
{
    /// <summary>The message for a progressive JPEG when TurboJPEG is not installed.</summary>
    internal const string ProgressiveNeedsTurboJpeg = "progressive JPEG needs the TurboJPEG library: install the Debian package libturbojpeg0 (apt-get install libturbojpeg0)";

    private const string ArithmeticNeedsTurboJpeg = "arithmetic-coded JPEG needs the TurboJPEG library: install the Debian package libturbojpeg0 (apt-get install libturbojpeg0)";

    // ZigZag[k] = natural (row-major) index of the k-th coefficient in zig-zag order.
    private static readonly byte[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    /// <summary>Whether <paramref name="data"/> starts like a JPEG file (SOI marker FF D8 then another marker).</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    /// <summary>Decodes a complete JPEG file held in <paramref name="data"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a JPEG this decoder (or TurboJPEG) can read, or exceeds <paramref name="limits"/>.</exception>
    public static Image Decode(ReadOnlySpan<byte> data, PngLimits? limits = null) => Decode(data, limits ?? PngLimits.Default, useTurboJpeg: true);

    /// <summary>Decodes the JPEG file at <paramref name="path"/>; error messages start with the path.</summary>
    /// <exception cref="ImageFormatException">The file is not a JPEG this decoder (or TurboJPEG) can read, or exceeds <paramref name="limits"/>.</exception>
    public static Image Decode(string path, PngLimits? limits = null) => ImageFile.Decode(path, limits, Decode);

    /// <summary>As <see cref="Decode(ReadOnlySpan{byte}, PngLimits?)"/>; without <paramref name="useTurboJpeg"/> as if the library were missing.</summary>
    internal static Image Decode(ReadOnlySpan<byte> data, PngLimits limits, bool useTurboJpeg)
    {
        if (!HasSignature(data))
            throw new ImageFormatException("not a JPEG file (it does not start with the SOI marker FF D8)");
        var quant = new ushort[4][];
        var dc = new HuffmanTable?[4];
        var ac = new HuffmanTable?[4];
        JpegComponent[]? components = null;
        int width = 0, height = 0, restartInterval = 0, adobeTransform = -1;
        int position = 2;
        while (true)
        {
            int marker = NextMarker(data, ref position);
            if (marker == 0xD9)
                break;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
                continue;
            if (position + 2 > data.Length)
                throw Truncated();
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
                throw length < 2 ? new ImageFormatException($"segment FF{marker:X2} has an invalid length {length}") : Truncated();
            var segment = data.Slice(position + 2, length - 2);
            position += length;
            switch (marker)
            {
                case 0xC0 or 0xC1:
                    if (components is not null)
                        throw new ImageFormatException("the file has more than one frame header");
                    (width, height, components) = ReadFrame(segment, limits);
                    break;
                case 0xC2 or 0xC6 or 0xCA or 0xCE or 0xC9 or 0xCD or 0xC5 or 0xC7 or 0xC3 or 0xCB or 0xCF:
                    return Unsupported(marker, data, limits, useTurboJpeg);
                case 0xC4:
                    ReadHuffmanTables(segment, dc, ac);
                    break;
                case 0xDB:
                    ReadQuantTables(segment, quant);
                    break;
                case 0xDD:
                    if (segment.Length < 2)
                        throw new ImageFormatException("DRI segment is too short");
                    restartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xEE:
                    // Adobe: "Adobe", version, flags0, flags1, transform (0 = none, 1 = YCbCr, 2 = YCCK).
                    if (segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8))
                        adobeTransform = segment[11];
                    break;
                case 0xDA:
                    if (components is null)
                        throw new ImageFormatException("image data (SOS) comes before the frame header (SOF)");
                    position = DecodeScan(data, position, segment, components, width, height, quant, dc, ac, restartInterval);
                    break;
                case 0xDC:
                    throw new ImageFormatException("JPEG with a DNL segment (height given after the data) is not supported");
                default:
                    // APPn, COM and others: nothing needed from them.
                    break;
            }
        }
        if (components is null)
            throw new ImageFormatException("the file has no frame header (SOF) and so no image");
        if (components.FirstOrDefault(c => c.Samples.Length == 0) is { } missing)
            throw new ImageFormatException($"component {missing.Id} has no image data (no scan covers it)");
        return Assemble(components, width, height, adobeTransform);
    }

    internal static void CheckSize(int width, int height, PngLimits limits)
    {
        if (width == 0)
            throw new ImageFormatException("image width is 0");
        if (height == 0)
            throw new ImageFormatException("image height is 0 (a DNL segment, which is not supported)");
        if (limits.Violation(width, height) is string problem)
            throw new ImageFormatException(problem);
    }

    private static Image Unsupported(int marker, ReadOnlySpan<byte> data, PngLimits limits, bool useTurboJpeg)
    {
        bool progressive = marker is 0xC2 or 0xC6 or 0xCA or 0xCE;
        bool arithmetic = marker is >= 0xC9 and <= 0xCF;
        bool lossless = marker is 0xC3 or 0xC7 or 0xCB or 0xCF;
        bool hierarchical = marker is 0xC5 or 0xC6 or 0xC7 or 0xCD or 0xCE or 0xCF;
        if (lossless || hierarchical)
            throw new ImageFormatException($"{(lossless ? "lossless" : "hierarchical")} JPEG (SOF{marker - 0xC0}) is not supported; re-save the image as a baseline JPEG or PNG");
        if (useTurboJpeg && TurboJpeg.TryDecode(data.ToArray(), limits) is { } image)
            return image;
        throw new ImageFormatException(progressive ? ProgressiveNeedsTurboJpeg : ArithmeticNeedsTurboJpeg);
    }

    private static ImageFormatException Truncated() => new("file is truncated");

    // Moves past the next marker (skipping fill bytes) and returns its code.
    private static int NextMarker(ReadOnlySpan<byte> data, ref int position)
    {
        if (position >= data.Length)
            throw new ImageFormatException("file is truncated: it ends before the EOI marker");
        if (data[position] != 0xFF)
            throw new ImageFormatException($"expected a marker at byte {position}, found 0x{data[position]:X2}");
        while (position < data.Length && data[position] == 0xFF)
            position++;
        if (position >= data.Length)
            throw new ImageFormatException("file is truncated: it ends before the EOI marker");
        return data[position++];
    }

    private static (int Width, int Height, JpegComponent[] Components) ReadFrame(ReadOnlySpan<byte> segment, PngLimits limits)
    {
        if (segment.Length < 6)
            throw new ImageFormatException("frame header (SOF) is too short");
        int precision = segment[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int count = segment[5];
        if (precision != 8)
            throw new ImageFormatException($"{precision}-bit JPEG samples are not supported, only 8-bit");
        CheckSize(width, height, limits);
        if (count is not (1 or 3 or 4))
            throw new ImageFormatException($"JPEG with {count} components is not supported; expected 1 (grey) or 3 (colour)");
        if (count == 4)
            throw new ImageFormatException("CMYK/YCCK JPEG is not supported; convert the image to RGB (e.g. save it as an sRGB JPEG or PNG)");
        if (segment.Length < 6 + 3 * count)
            throw new ImageFormatException("frame header (SOF) is too short for its components");
        var components = new JpegComponent[count];
        for (int i = 0; i < count; i++)
        {
            var c = segment.Slice(6 + 3 * i, 3);
            int h = c[1] >> 4, v = c[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4)
                throw new ImageFormatException($"component {c[0]} has invalid sampling factors {h}x{v}");
            if (c[2] > 3)
                throw new ImageFormatException($"component {c[0]} uses quantisation table {c[2]}, beyond 0 to 3");
            components[i] = new JpegComponent { Id = c[0], H = h, V = v, QuantTable = c[2] };
        }
        int hMax = components.Max(c => c.H), vMax = components.Max(c => c.V);
        int mcusWide = (width + 8 * hMax - 1) / (8 * hMax), mcusHigh = (height + 8 * vMax - 1) / (8 * vMax);
        foreach (var c in components)
        {
            c.Width = (width * c.H + hMax - 1) / hMax;
            c.Height = (height * c.V + vMax - 1) / vMax;
            c.BlocksWide = mcusWide * c.H;
            c.BlocksHigh = mcusHigh * c.V;
        }
        return (width, height, components);
    }

    private static void ReadHuffmanTables(ReadOnlySpan<byte> segment, HuffmanTable?[] dc, HuffmanTable?[] ac)
    {
        while (segment.Length > 0)
        {
            if (segment.Length < 17)
                throw new ImageFormatException("Huffman table segment (DHT) is truncated");
            int tableClass = segment[0] >> 4, id = segment[0] & 15;
            if (tableClass > 1 || id > 3)
                throw new ImageFormatException($"invalid Huffman table class {tableClass} / id {id}");
            var counts = segment.Slice(1, 16);
            int total = 0;
            foreach (byte n in counts)
                total += n;
            if (total > 256 || segment.Length < 17 + total)
                throw new ImageFormatException("Huffman table segment (DHT) is truncated or has too many symbols");
            var table = new HuffmanTable(counts, segment.Slice(17, total));
            (tableClass == 0 ? dc : ac)[id] = table;
            segment = segment[(17 + total)..];
        }
    }

    private static void ReadQuantTables(ReadOnlySpan<byte> segment, ushort[][] quant)
    {
        while (segment.Length > 0)
        {
            int wide = segment[0] >> 4, id = segment[0] & 15;
            if (wide > 1 || id > 3)
                throw new ImageFormatException($"invalid quantisation table precision {wide} / id {id}");
            int size = 1 + 64 * (wide + 1);
            if (segment.Length < size)
                throw new ImageFormatException("quantisation table segment (DQT) is truncated");
            var table = new ushort[64];   // zig-zag order, as stored
            for (int k = 0; k < 64; k++)
                table[k] = wide == 0 ? segment[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(segment[(1 + 2 * k)..]);
            quant[id] = table;
            segment = segment[size..];
        }
    }

    private static int DecodeScan(ReadOnlySpan<byte> data, int position, ReadOnlySpan<byte> header, JpegComponent[] frame,
        int width, int height, ushort[][] quant, HuffmanTable?[] dc, HuffmanTable?[] ac, int restartInterval)
    {
        if (header.Length < 1 || header.Length < 1 + 2 * header[0] + 3)
            throw new ImageFormatException("scan header (SOS) is too short");
        int count = header[0];
        if (count is < 1 or > 4)
            throw new ImageFormatException($"a scan has {count} components, expected 1 to 4");
        var scan = new JpegComponent[count];
        for (int i = 0; i < count; i++)
        {
            int id = header[1 + 2 * i];
            scan[i] = frame.FirstOrDefault(c => c.Id == id) ?? throw new ImageFormatException($"the scan names component {id}, which the frame does not have");
            scan[i].DcTable = header[2 + 2 * i] >> 4;
            scan[i].AcTable = header[2 + 2 * i] & 15;
            if (scan[i].DcTable > 3 || scan[i].AcTable > 3 || dc[scan[i].DcTable] is null || ac[scan[i].AcTable] is null)
                throw new ImageFormatException($"component {id} uses a Huffman table that was not defined");
            if (quant[scan[i].QuantTable] is null)
                throw new ImageFormatException($"component {id} uses quantisation table {scan[i].QuantTable}, which was not defined");
            scan[i].DcPrediction = 0;
        }

        var reader = new JpegBitReader(data, position);
        var block = new float[64];   // one 8x8 block of coefficients, natural order
        int hMax = frame.Max(c => c.H), vMax = frame.Max(c => c.V);
        int mcusWide, mcusHigh;
        if (count == 1)
        {
            // A one-component scan covers just that component's blocks, not whole MCUs.
            mcusWide = (scan[0].Width + 7) / 8;
            mcusHigh = (scan[0].Height + 7) / 8;
        }
        else
        {
            mcusWide = (width + 8 * hMax - 1) / (8 * hMax);
            mcusHigh = (height + 8 * vMax - 1) / (8 * vMax);
        }

        int total = mcusWide * mcusHigh, restart = 0;
        // Every block takes at least 2 bits (a DC code and an end-of-block code), so data too short
        // for the scan is rejected before the samples are allocated.
        long blocks = count == 1 ? (long)total : (long)total * scan.Sum(c => c.H * c.V);
        if (blocks > 4L * (data.Length - position))
            throw new ImageFormatException($"the image data ends early: {width}x{height} pixels need {blocks} blocks but only {data.Length - position} bytes are left (the file is truncated or corrupt)");
        foreach (var c in scan)
        {
            if (c.Samples.Length == 0)
                c.Samples = new byte[c.BlocksWide * 8 * c.BlocksHigh * 8];   // (BlocksHigh × 8, BlocksWide × 8)
        }
        for (int mcu = 0; mcu < total; mcu++)
        {
            if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0)
            {
                reader.Restart(restart);
                restart = (restart + 1) & 7;
                foreach (var c in scan)
                    c.DcPrediction = 0;
            }
            int mx = mcu % mcusWide, my = mcu / mcusWide;
            foreach (var c in scan)
            {
                int h = count == 1 ? 1 : c.H, v = count == 1 ? 1 : c.V;
                for (int by = 0; by < v; by++)
                {
                    for (int bx = 0; bx < h; bx++)
                    {
                        DecodeBlock(ref reader, c, dc[c.DcTable]!, ac[c.AcTable]!, quant[c.QuantTable], block);
                        int stride = c.BlocksWide * 8;
                        int x = (mx * h + bx) * 8, y = (my * v + by) * 8;
                        JpegIdct.Inverse(block, c.Samples.AsSpan(y * stride + x), stride);
                    }
                }
            }
            if (reader.Overran)
                throw new ImageFormatException("the image data ends early (the file is truncated or corrupt)");
        }
        return SkipToMarker(data, reader.Position);
    }

    private static void DecodeBlock(ref JpegBitReader reader, JpegComponent c, HuffmanTable dc, HuffmanTable ac, ushort[] quant, Span<float> block)
    {
        block.Clear();
        int size = dc.Decode(ref reader);
        if (size > 11)
            throw new ImageFormatException($"a DC difference of {size} bits is invalid");
        c.DcPrediction += reader.Receive(size);
        block[0] = c.DcPrediction * quant[0];
        for (int k = 1; k < 64;)
        {
            int rs = ac.Decode(ref reader);
            int run = rs >> 4, bits = rs & 15;
            if (bits == 0)
            {
                if (run != 15)
                    break;   // end of block
                k += 16;
                continue;
            }
            k += run;
            if (k > 63)
                throw new ImageFormatException("a block has more than 64 coefficients (corrupt image data)");
            block[ZigZag[k]] = reader.Receive(bits) * quant[k];
            k++;
        }
    }

    // After a scan: the next marker that is not a restart marker (garbage before it is skipped, as libjpeg does).
    private static int SkipToMarker(ReadOnlySpan<byte> data, int position)
    {
        while (position + 1 < data.Length)
        {
            if (data[position] == 0xFF && data[position + 1] is not (0x00 or 0xFF) and not (>= 0xD0 and <= 0xD7))
                return position;
            position++;
        }
        throw new ImageFormatException("file is truncated: it ends before the EOI marker");
    }

    private static Image Assemble(JpegComponent[] components, int width, int height, int adobeTransform)
    {
        if (components.Length == 1)
        {
            var grey = new Image(width, height, 1);
            var c = components[0];
            for (int y = 0; y < height; y++)
                c.Samples.AsSpan(y * c.BlocksWide * 8, width).CopyTo(grey.GetRow(y));
            return grey;
        }
        // Adobe transform 0, or components named 'R', 'G', 'B', mean the samples are RGB already.
        bool rgb = adobeTransform == 0 || components[0].Id == 'R' && components[1].Id == 'G' && components[2].Id == 'B';
        int hMax = components.Max(c => c.H), vMax = components.Max(c => c.V);
        var planes = components.Select(c => Upsample(c, width, height, hMax, vMax)).ToArray();
        var image = new Image(width, height, 3);
        var pixels = image.Pixels;
        for (int i = 0; i < width * height; i++)
        {
            if (rgb)
            {
                pixels[3 * i] = planes[0][i];
                pixels[3 * i + 1] = planes[1][i];
                pixels[3 * i + 2] = planes[2][i];
                continue;
            }
            float luma = planes[0][i], cb = planes[1][i] - 128f, cr = planes[2][i] - 128f;
            pixels[3 * i] = ToByte(luma + 1.402f * cr);
            pixels[3 * i + 1] = ToByte(luma - 0.344136f * cb - 0.714136f * cr);
            pixels[3 * i + 2] = ToByte(luma + 1.772f * cb);
        }
        return image;
    }

    private static byte ToByte(float value) => (byte)Math.Clamp((int)MathF.Round(value), 0, 255);

    // The component at full resolution, width × height: each output pixel's centre mapped into the
    // component's sample grid and interpolated linearly between the nearest samples (edges clamped).
    private static byte[] Upsample(JpegComponent c, int width, int height, int hMax, int vMax)
    {
        int stride = c.BlocksWide * 8;
        var output = new byte[width * height];
        if (c.H == hMax && c.V == vMax)
        {
            for (int y = 0; y < height; y++)
                c.Samples.AsSpan(y * stride, width).CopyTo(output.AsSpan(y * width));
            return output;
        }
        var (x0, x1, wx) = Taps(width, c.H, hMax, c.Width);
        var (y0, y1, wy) = Taps(height, c.V, vMax, c.Height);
        var samples = c.Samples;
        for (int y = 0; y < height; y++)
        {
            int top = y0[y] * stride, bottom = y1[y] * stride;
            for (int x = 0; x < width; x++)
            {
                float upper = samples[top + x0[x]] + wx[x] * (samples[top + x1[x]] - samples[top + x0[x]]);
                float lower = samples[bottom + x0[x]] + wx[x] * (samples[bottom + x1[x]] - samples[bottom + x0[x]]);
                output[y * width + x] = ToByte(upper + wy[y] * (lower - upper));
            }
        }
        return output;
    }

    private static (int[] First, int[] Second, float[] Weight) Taps(int size, int factor, int maxFactor, int componentSize)
    {
        var first = new int[size];
        var second = new int[size];
        var weight = new float[size];
        for (int i = 0; i < size; i++)
        {
            float position = Math.Max(0f, (i + 0.5f) * factor / maxFactor - 0.5f);
            int left = Math.Min((int)position, componentSize - 1);
            first[i] = left;
            second[i] = Math.Min(left + 1, componentSize - 1);
            weight[i] = Math.Min(position - left, 1f);
        }
        return (first, second, weight);
    }
}
