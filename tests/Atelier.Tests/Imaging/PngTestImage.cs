using System.Buffers.Binary;

namespace Atelier.Tests.Imaging;

/// <summary>
/// A PNG image described by its raw samples, which the test turns into a file by hand and into
/// the pixels the decoder should produce by the documented conversion rules.
/// </summary>
internal sealed class PngTestImage
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required int ColourType { get; init; }
    public required int BitDepth { get; init; }

    /// <summary>Raw samples, [y][x * SamplesPerPixel + channel].</summary>
    public required int[][] Samples { get; init; }

    public byte[]? Palette { get; init; }
    public byte[]? PaletteAlpha { get; init; }
    public int[]? ColourKey { get; init; }

    public int SamplesPerPixel => ColourType switch { 0 or 3 => 1, 2 => 3, 4 => 2, _ => 4 };

    public int FilterDistance => Math.Max(1, SamplesPerPixel * BitDepth / 8);

    public int ExpectedChannels => ColourType switch
    {
        0 => ColourKey is null ? 1 : 4,
        2 => ColourKey is null ? 3 : 4,
        3 => PaletteAlpha is null ? 3 : 4,
        _ => 4,
    };

    public static PngTestImage Random(int colourType, int depth, int width, int height, bool transparency, int seed)
    {
        var random = new Random(seed);
        int spp = colourType switch { 0 or 3 => 1, 2 => 3, 4 => 2, _ => 4 };
        byte[]? palette = null, paletteAlpha = null;
        int limit = 1 << depth;
        if (colourType == 3)
        {
            int entries = depth == 8 ? 200 : 1 << depth;
            palette = new byte[3 * entries];
            random.NextBytes(palette);
            limit = entries;
            if (transparency)
            {
                paletteAlpha = new byte[entries / 2 + 1];
                random.NextBytes(paletteAlpha);
            }
        }
        var samples = new int[height][];
        for (int y = 0; y < height; y++)
        {
            samples[y] = new int[width * spp];
            for (int i = 0; i < samples[y].Length; i++)
                samples[y][i] = random.Next(limit);
        }
        int[]? key = null;
        if (transparency && colourType is 0 or 2)
        {
            key = samples[0][..spp];
            // Make sure several pixels, not just the first, carry the key.
            for (int p = 0; p < width * height; p += 3)
                Array.Copy(key, 0, samples[p / width], p % width * spp, spp);
        }
        return new PngTestImage
        {
            Width = width, Height = height, ColourType = colourType, BitDepth = depth,
            Samples = samples, Palette = palette, PaletteAlpha = paletteAlpha, ColourKey = key,
        };
    }

    /// <summary>The complete file; <paramref name="filterForRow"/> picks each scanline's filter, IDAT is split into <paramref name="idatPieces"/> chunks.</summary>
    public byte[] ToPng(Func<int, int> filterForRow, bool interlaced = false, int idatPieces = 1, bool extraChunks = false)
    {
        var chunks = new List<byte[]> { PngTestFile.Ihdr((uint)Width, (uint)Height, BitDepth, ColourType, interlaced ? 1 : 0) };
        if (extraChunks)
            chunks.Add(PngTestFile.Chunk("tEXt", "Comment\0made by hand"u8));
        if (Palette is not null)
            chunks.Add(PngTestFile.Chunk("PLTE", Palette));
        if (PaletteAlpha is not null)
            chunks.Add(PngTestFile.Chunk("tRNS", PaletteAlpha));
        if (ColourKey is not null)
        {
            var key = new byte[2 * ColourKey.Length];
            for (int i = 0; i < ColourKey.Length; i++)
                BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(2 * i), (ushort)ColourKey[i]);
            chunks.Add(PngTestFile.Chunk("tRNS", key));
        }
        if (extraChunks)
            chunks.Add(PngTestFile.Chunk("zzZz", [1, 2, 3]));
        chunks.AddRange(PngTestFile.Idat(PngTestFile.Zlib(Scanlines(filterForRow, interlaced)), idatPieces));
        chunks.Add(PngTestFile.Iend());
        return PngTestFile.Png([.. chunks]);
    }

    public byte[] Scanlines(Func<int, int> filterForRow, bool interlaced)
    {
        var passes = interlaced ? PngTestFile.Adam7 : [(0, 0, 1, 1)];
        var output = new List<byte>();
        int rowNumber = 0;
        foreach (var (x0, y0, dx, dy) in passes)
        {
            byte[]? prior = null;
            for (int y = y0; y < Height; y += dy)
            {
                var samples = new List<int>();
                for (int x = x0; x < Width; x += dx)
                    samples.AddRange(Samples[y].AsSpan(x * SamplesPerPixel, SamplesPerPixel).ToArray());
                if (samples.Count == 0)
                    break;   // an empty pass has no scanlines at all
                var raw = PngTestFile.PackRow(samples, BitDepth);
                output.AddRange(PngTestFile.FilterRow(filterForRow(rowNumber++), raw, prior ?? new byte[raw.Length], FilterDistance));
                prior = raw;
            }
        }
        return [.. output];
    }

    /// <summary>The pixels the decoder must return, by the rules its documentation states.</summary>
    public byte[] ExpectedPixels()
    {
        int channels = ExpectedChannels;
        var pixels = new byte[Width * Height * channels];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                var s = Samples[y].AsSpan(x * SamplesPerPixel, SamplesPerPixel);
                var px = pixels.AsSpan((y * Width + x) * channels, channels);
                switch (ColourType)
                {
                    case 3:
                        Palette.AsSpan(3 * s[0], 3).CopyTo(px);
                        if (channels == 4)
                            px[3] = s[0] < PaletteAlpha!.Length ? PaletteAlpha[s[0]] : (byte)255;
                        break;
                    case 0 or 4:
                        px[0] = Scale(s[0]);
                        if (channels == 4)
                        {
                            px[1] = px[2] = px[0];
                            px[3] = ColourType == 4 ? Scale(s[1]) : s[0] == ColourKey![0] ? (byte)0 : (byte)255;
                        }
                        break;
                    default:
                        for (int c = 0; c < SamplesPerPixel; c++)
                            px[c] = Scale(s[c]);
                        if (ColourKey is not null)
                            px[3] = s.SequenceEqual(ColourKey) ? (byte)0 : (byte)255;
                        break;
                }
            }
        }
        return pixels;
    }

    private byte Scale(int sample) => (byte)Math.Round(sample * 255.0 / ((1 << BitDepth) - 1), MidpointRounding.AwayFromZero);
}
