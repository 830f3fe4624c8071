namespace Atelier.Imaging;

/// <summary>
/// Chooses one palette of at most <c>maxColours</c> RGB colours for a set of frames and maps
/// pixels to their nearest palette entry (no dithering). If the frames use no more distinct
/// colours than that, the palette is exactly those colours; otherwise it comes from a
/// variance-based median cut over a 15-bit colour histogram, each entry being the mean of the
/// actual pixel colours in its box. Grey frames count as R = G = B; alpha is ignored.
/// </summary>
internal sealed class PaletteQuantizer
{
    private const int Bins = 1 << 15;

    private readonly Dictionary<int, byte> _nearest = [];

    private PaletteQuantizer(byte[] palette) => Palette = palette;

    /// <summary>The palette as RGB triples.</summary>
    public byte[] Palette { get; }

    /// <summary>Number of palette entries.</summary>
    public int Count => Palette.Length / 3;

    /// <summary>Builds the palette for all pixels of <paramref name="frames"/>.</summary>
    public static PaletteQuantizer Create(IReadOnlyList<Image> frames, int maxColours = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxColours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxColours, 256);
        var distinct = new HashSet<int>();
        foreach (var frame in frames)
        {
            for (int i = 0; i < frame.Pixels.Length && distinct.Count <= maxColours; i += frame.Channels)
                distinct.Add(Rgb(frame, i));
        }
        if (distinct.Count <= maxColours)
            return new PaletteQuantizer(ToPalette(distinct.Order()));
        return new PaletteQuantizer(MedianCut(frames, maxColours));
    }

    /// <summary>The palette index of every pixel of <paramref name="frame"/>, row-major.</summary>
    public byte[] Map(Image frame)
    {
        var indices = new byte[frame.Width * frame.Height];
        for (int p = 0, i = 0; p < indices.Length; p++, i += frame.Channels)
        {
            int rgb = Rgb(frame, i);
            if (!_nearest.TryGetValue(rgb, out byte index))
                _nearest[rgb] = index = Nearest(rgb);
            indices[p] = index;
        }
        return indices;
    }

    private static int Rgb(Image frame, int offset)
    {
        var px = frame.Pixels;
        return frame.Channels == 1
            ? px[offset] * 0x010101
            : (px[offset] << 16) | (px[offset + 1] << 8) | px[offset + 2];
    }

    private static byte[] ToPalette(IEnumerable<int> colours) =>
        colours.SelectMany(c => new[] { (byte)(c >> 16), (byte)(c >> 8), (byte)c }).ToArray();

    private byte Nearest(int rgb)
    {
        int r = rgb >> 16, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        int best = 0, bestDistance = int.MaxValue;
        for (int i = 0; i < Count; i++)
        {
            int dr = Palette[3 * i] - r, dg = Palette[3 * i + 1] - g, db = Palette[3 * i + 2] - b;
            int distance = dr * dr + dg * dg + db * db;
            if (distance < bestDistance)
                (best, bestDistance) = (i, distance);
        }
        return (byte)best;
    }

    private readonly record struct Box(int Start, int End, double Error, int Axis);

    private static byte[] MedianCut(IReadOnlyList<Image> frames, int maxColours)
    {
        var count = new long[Bins];
        var sum = new long[3 * Bins];
        foreach (var frame in frames)
        {
            for (int i = 0; i < frame.Pixels.Length; i += frame.Channels)
            {
                int rgb = Rgb(frame, i);
                int bin = Bin(rgb);
                count[bin]++;
                sum[3 * bin] += rgb >> 16;
                sum[3 * bin + 1] += (rgb >> 8) & 0xFF;
                sum[3 * bin + 2] += rgb & 0xFF;
            }
        }
        int[] bins = Enumerable.Range(0, Bins).Where(b => count[b] > 0).ToArray();

        var boxes = new List<Box> { Measure(bins, 0, bins.Length, count, sum) };
        while (boxes.Count < maxColours)
        {
            int worst = -1;
            for (int i = 0; i < boxes.Count; i++)
            {
                if (boxes[i].End - boxes[i].Start > 1 && (worst < 0 || boxes[i].Error > boxes[worst].Error))
                    worst = i;
            }
            if (worst < 0)
                break;
            var box = boxes[worst];
            int shift = 10 - 5 * box.Axis;
            Array.Sort(bins, box.Start, box.End - box.Start, Comparer<int>.Create((x, y) => ((x >> shift) & 31).CompareTo((y >> shift) & 31)));
            long total = 0;
            for (int i = box.Start; i < box.End; i++)
                total += count[bins[i]];
            // Weighted median, keeping at least one bin on each side.
            int split = box.Start + 1;
            long left = count[bins[box.Start]];
            while (split < box.End - 1 && 2 * left < total)
                left += count[bins[split++]];
            boxes[worst] = Measure(bins, box.Start, split, count, sum);
            boxes.Add(Measure(bins, split, box.End, count, sum));
        }

        var palette = new byte[3 * boxes.Count];
        for (int i = 0; i < boxes.Count; i++)
        {
            long n = 0, r = 0, g = 0, b = 0;
            for (int j = boxes[i].Start; j < boxes[i].End; j++)
            {
                int bin = bins[j];
                (n, r, g, b) = (n + count[bin], r + sum[3 * bin], g + sum[3 * bin + 1], b + sum[3 * bin + 2]);
            }
            (palette[3 * i], palette[3 * i + 1], palette[3 * i + 2]) = ((byte)((r + n / 2) / n), (byte)((g + n / 2) / n), (byte)((b + n / 2) / n));
        }
        return palette;
    }

    private static int Bin(int rgb) => ((rgb >> 19) & 31) << 10 | ((rgb >> 11) & 31) << 5 | ((rgb >> 3) & 31);

    /// <summary>The box's summed squared error per channel, and the channel where it is largest (the axis to split).</summary>
    private static Box Measure(int[] bins, int start, int end, long[] count, long[] sum)
    {
        Span<double> mean = stackalloc double[3];
        long n = 0;
        for (int i = start; i < end; i++)
        {
            n += count[bins[i]];
            for (int c = 0; c < 3; c++)
                mean[c] += sum[3 * bins[i] + c];
        }
        for (int c = 0; c < 3; c++)
            mean[c] /= n;
        Span<double> error = stackalloc double[3];
        for (int i = start; i < end; i++)
        {
            int bin = bins[i];
            for (int c = 0; c < 3; c++)
            {
                double d = (double)sum[3 * bin + c] / count[bin] - mean[c];
                error[c] += count[bin] * d * d;
            }
        }
        int axis = error[0] >= error[1] && error[0] >= error[2] ? 0 : error[1] >= error[2] ? 1 : 2;
        return new Box(start, end, error[0] + error[1] + error[2], axis);
    }
}
