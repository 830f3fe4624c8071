using System.Text;

namespace Atelier.Tests.Imaging;

/// <summary>
/// A strict, minimal GIF89a reader written from the specification, to read back what
/// <see cref="Atelier.Imaging.GifEncoder"/> writes. Throws <see cref="InvalidDataException"/> on anything unexpected.
/// </summary>
internal static class GifTestDecoder
{
    public sealed record Frame(int Left, int Top, int Width, int Height, int? DelayCentiseconds, int? Disposal, int MinCodeSize, int ClearCodes, byte[] Indices);

    public sealed record Gif(string Version, int Width, int Height, byte[] GlobalPalette, int? LoopCount, IReadOnlyList<Frame> Frames)
    {
        public int PaletteSize => GlobalPalette.Length / 3;

        /// <summary>The RGB colour of pixel <paramref name="pixel"/> of frame <paramref name="frame"/>.</summary>
        public (byte R, byte G, byte B) Colour(int frame, int pixel)
        {
            int index = Frames[frame].Indices[pixel];
            return (GlobalPalette[3 * index], GlobalPalette[3 * index + 1], GlobalPalette[3 * index + 2]);
        }
    }

    public static Gif Decode(byte[] data)
    {
        int pos = 0;
        string version = Encoding.ASCII.GetString(Take(data, ref pos, 6));
        if (version is not ("GIF89a" or "GIF87a"))
            throw new InvalidDataException($"bad header {version}");
        int width = UInt16(data, ref pos), height = UInt16(data, ref pos);
        int packed = Take(data, ref pos, 3)[0];
        byte[] palette = (packed & 0x80) != 0 ? Take(data, ref pos, 3 << ((packed & 7) + 1)) : [];

        int? loop = null, delay = null, disposal = null;
        var frames = new List<Frame>();
        while (true)
        {
            int block = Take(data, ref pos, 1)[0];
            if (block == 0x3B)
            {
                if (pos != data.Length)
                    throw new InvalidDataException($"{data.Length - pos} bytes after the trailer");
                return new Gif(version, width, height, palette, loop, frames);
            }
            if (block == 0x21)
            {
                int label = Take(data, ref pos, 1)[0];
                var blocks = SubBlocks(data, ref pos);
                if (label == 0xFF && blocks.Count >= 2 && Encoding.ASCII.GetString(blocks[0]) == "NETSCAPE2.0")
                {
                    if (blocks[1].Length != 3 || blocks[1][0] != 1)
                        throw new InvalidDataException("malformed NETSCAPE2.0 extension");
                    loop = blocks[1][1] | (blocks[1][2] << 8);
                }
                else if (label == 0xF9)
                {
                    if (blocks.Count != 1 || blocks[0].Length != 4)
                        throw new InvalidDataException("malformed graphic control extension");
                    disposal = (blocks[0][0] >> 2) & 7;
                    delay = blocks[0][1] | (blocks[0][2] << 8);
                }
                continue;
            }
            if (block != 0x2C)
                throw new InvalidDataException($"unexpected block 0x{block:X2} at byte {pos - 1}");
            int left = UInt16(data, ref pos), top = UInt16(data, ref pos);
            int w = UInt16(data, ref pos), h = UInt16(data, ref pos);
            int flags = Take(data, ref pos, 1)[0];
            if ((flags & 0x80) != 0)
                Take(data, ref pos, 3 << ((flags & 7) + 1));
            int minCodeSize = Take(data, ref pos, 1)[0];
            var lzw = SubBlocks(data, ref pos).SelectMany(b => b).ToArray();
            var (indices, clears) = LzwDecode(lzw, minCodeSize, w * h);
            frames.Add(new Frame(left, top, w, h, delay, disposal, minCodeSize, clears, indices));
            (delay, disposal) = (null, null);
        }
    }

    /// <summary>Textbook GIF LZW decoding; fails on invalid codes, a missing end code or a wrong pixel count.</summary>
    private static (byte[] Indices, int ClearCodes) LzwDecode(byte[] data, int minCodeSize, int pixelCount)
    {
        if (minCodeSize is < 2 or > 8)
            throw new InvalidDataException($"LZW minimum code size {minCodeSize}");
        int clear = 1 << minCodeSize, end = clear + 1;
        var table = new byte[4096][];
        for (int i = 0; i < clear; i++)
            table[i] = [(byte)i];
        int codeSize = minCodeSize + 1, next = end + 1, clears = 0;
        int? previous = null;
        var output = new List<byte>(pixelCount);
        long bitPos = 0;
        while (true)
        {
            if (bitPos + codeSize > 8L * data.Length)
                throw new InvalidDataException("LZW data ends without an end code");
            int code = 0;
            for (int b = 0; b < codeSize; b++, bitPos++)
                code |= ((data[bitPos >> 3] >> (int)(bitPos & 7)) & 1) << b;

            if (code == clear)
            {
                (codeSize, next, previous) = (minCodeSize + 1, end + 1, null);
                clears++;
                continue;
            }
            if (code == end)
                break;
            byte[] entry;
            if (previous is null)
            {
                entry = code < clear ? table[code] : throw new InvalidDataException($"code {code} right after a clear code");
            }
            else
            {
                byte[] prior = table[previous.Value];
                if (code < next)
                    entry = table[code];
                else if (code == next)
                    entry = [.. prior, prior[0]];
                else
                    throw new InvalidDataException($"code {code} beyond the next free code {next}");
                if (next < 4096)
                    table[next++] = [.. prior, entry[0]];
                if (next == 1 << codeSize && codeSize < 12)
                    codeSize++;
            }
            output.AddRange(entry);
            previous = code;
        }
        if (output.Count != pixelCount)
            throw new InvalidDataException($"LZW data holds {output.Count} pixels, expected {pixelCount}");
        if ((bitPos + 7) / 8 != data.Length)
            throw new InvalidDataException($"{data.Length - (bitPos + 7) / 8} bytes after the end code");
        return ([.. output], clears);
    }

    private static List<byte[]> SubBlocks(byte[] data, ref int pos)
    {
        var blocks = new List<byte[]>();
        while (true)
        {
            int size = Take(data, ref pos, 1)[0];
            if (size == 0)
                return blocks;
            blocks.Add(Take(data, ref pos, size));
        }
    }

    private static int UInt16(byte[] data, ref int pos)
    {
        var bytes = Take(data, ref pos, 2);
        return bytes[0] | (bytes[1] << 8);
    }

    private static byte[] Take(byte[] data, ref int pos, int count)
    {
        if (pos + count > data.Length)
            throw new InvalidDataException($"truncated at byte {pos}");
        pos += count;
        return data[(pos - count)..pos];
    }
}
