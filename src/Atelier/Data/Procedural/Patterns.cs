using System.Numerics;

namespace Atelier.Data.Procedural;

/// <summary>
/// A procedural labelled dataset of textures and tilings: stripes, checkerboard, dots, waves, rings
/// and grid (labels 0 to 5, in that order), each in two or three random colours (the second and third
/// differ from the first by at least 0.25 in BT.601 luma) with a random scale, rotation and phase.
/// Edges are anti-aliased by 4 × 4 supersampling. Image i depends only on (seed, i).
/// </summary>
public static class Patterns
{
    private const ulong Salt = 0x5041545445524E53UL;   // "PATTERNS"

    /// <summary>The class names, label i being ClassNames[i].</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["stripes", "checkerboard", "dots", "waves", "rings", "grid"];

    /// <summary>
    /// <paramref name="count"/> images (N, 3, size, size) in [0, 1]; labels cycle through the classes
    /// in a random order per block of six images, so every class has count / 6 images (± 1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="size"/> below 8.</exception>
    public static LabelledImages Generate(int count, int size, long seed) => ProceduralDatasets.Render(count, size, seed, Salt, ClassNames.Count, Draw);

    private static Func<float, float, Vector3> Draw(Generator random, int label)
    {
        var first = Palette.Any(random);
        int colours = 2 + random.NextInt(2);
        Vector3[] palette = colours == 2
            ? [first, Palette.Contrasting(random, first)]
            : [first, Palette.Contrasting(random, first), Palette.Contrasting(random, first)];
        float angle = MathF.PI * random.NextFloat();
        float cos = MathF.Cos(angle), sin = MathF.Sin(angle);
        float period = 0.14f + 0.16f * random.NextFloat();   // in image sides: 3 to 7 repeats across
        float phase = random.NextFloat();
        Func<float, float, int> index = label switch
        {
            0 => (u, v) => Band(u / period + phase, colours),
            1 => (u, v) => Checker(u / period + phase, v / period + phase, colours),
            2 => Dots(random, period, phase, colours),
            3 => Waves(random, period, phase, colours),
            4 => Rings(random, period, phase, colours),
            _ => Grid(random, period, phase, colours),
        };
        bool rotate = label != 4;
        return (x, y) =>
        {
            // (u, v): the sample in the pattern's rotated frame, centred on the image.
            float dx = x - 0.5f, dy = y - 0.5f;
            return rotate ? palette[index(dx * cos + dy * sin, -dx * sin + dy * cos)] : palette[index(dx, dy)];
        };
    }

    // Colour k of a cycle of bands one unit wide.
    private static int Band(float s, int colours) => (int)(MathF.Floor(s) % colours + colours) % colours;

    private static int Checker(float s, float t, int colours)
    {
        int i = (int)MathF.Floor(s), j = (int)MathF.Floor(t);
        if (((i + j) & 1) == 0)
            return 0;
        return colours == 2 || (i & 1) == 0 ? 1 : 2;
    }

    // A square lattice of round dots; with three colours, alternate rows of dots alternate colours.
    private static Func<float, float, int> Dots(Generator random, float period, float phase, int colours)
    {
        float radius = 0.22f + 0.14f * random.NextFloat();   // in periods
        return (u, v) =>
        {
            float s = u / period + phase, t = v / period + phase;
            float fs = s - MathF.Floor(s) - 0.5f, ft = t - MathF.Floor(t) - 0.5f;
            if (fs * fs + ft * ft > radius * radius)
                return 0;
            return colours == 2 || ((int)MathF.Floor(t) & 1) == 0 ? 1 : 2;
        };
    }

    // Bands bent by a sine of 2 to 4 waves across the image, with an amplitude of 25% to 45% of a band.
    private static Func<float, float, int> Waves(Generator random, float period, float phase, int colours)
    {
        float amplitude = period * (0.25f + 0.2f * random.NextFloat());
        float frequency = 2 * MathF.PI * (2 + 2 * random.NextFloat());
        float shift = 2 * MathF.PI * random.NextFloat();
        return (u, v) => Band((v + amplitude * MathF.Sin(frequency * u + shift)) / period + phase, colours);
    }

    // Concentric bands around a centre anywhere in the middle 60% of the image.
    private static Func<float, float, int> Rings(Generator random, float period, float phase, int colours)
    {
        float cx = 0.6f * random.NextFloat() - 0.3f, cy = 0.6f * random.NextFloat() - 0.3f;
        float width = 0.6f * period;   // rings are thinner than stripes so that several show
        return (u, v) => Band(MathF.Sqrt((u - cx) * (u - cx) + (v - cy) * (v - cy)) / width + phase, colours);
    }

    // Lines along both axes, 15% to 30% of a period wide; with three colours the two directions differ.
    private static Func<float, float, int> Grid(Generator random, float period, float phase, int colours)
    {
        float line = 0.15f + 0.15f * random.NextFloat();
        return (u, v) =>
        {
            float s = u / period + phase, t = v / period + phase;
            if (s - MathF.Floor(s) < line)
                return 1;
            if (t - MathF.Floor(t) < line)
                return colours == 2 ? 1 : 2;
            return 0;
        };
    }
}
