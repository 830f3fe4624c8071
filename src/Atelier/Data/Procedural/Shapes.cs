using System.Numerics;

namespace Atelier.Data.Procedural;

/// <summary>
/// A procedural labelled dataset of one coloured shape per image: circle, square, triangle, cross
/// or ring (labels 0 to 4, in that order), on a plain background or (two times in five) a soft
/// vertical or horizontal two-colour gradient. The shape's colour differs from every background
/// colour by at least 0.25 in BT.601 luma. Its centre is random with the shape wholly inside the
/// image, its radius (of the circle the shape is inscribed in) 25% to 42% of the image side, and
/// square, triangle and cross are rotated by a random angle. Edges are anti-aliased by 4 × 4
/// supersampling. Image i depends only on (seed, i).
/// </summary>
public static class Shapes
{
    private const ulong Salt = 0x5348415045530000UL;   // "SHAPES"

    /// <summary>The class names, label i being ClassNames[i].</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["circle", "square", "triangle", "cross", "ring"];

    /// <summary>
    /// <paramref name="count"/> images (N, 3, size, size) in [0, 1]; labels cycle through the classes
    /// in a random order per block of five images, so every class has count / 5 images (± 1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="size"/> below 8.</exception>
    public static LabelledImages Generate(int count, int size, long seed) => ProceduralDatasets.Render(count, size, seed, Salt, ClassNames.Count, Draw);

    private static Func<float, float, Vector3> Draw(Generator random, int label)
    {
        var background = Palette.Any(random);
        bool gradient = random.NextFloat() < 0.4f;
        var end = gradient ? Palette.Near(random, background) : background;
        bool vertical = random.NextInt(2) == 0;
        var colour = Palette.Contrasting(random, background, end);

        float radius = 0.25f + 0.17f * random.NextFloat();
        float cx = radius + (1 - 2 * radius) * random.NextFloat();
        float cy = radius + (1 - 2 * radius) * random.NextFloat();
        float angle = 2 * MathF.PI * random.NextFloat();
        float cos = MathF.Cos(angle) / radius, sin = MathF.Sin(angle) / radius;
        Func<float, float, bool> inside = label switch
        {
            0 => Circle,
            1 => Square,
            2 => Triangle,
            3 => Cross,
            _ => Ring,
        };
        return (x, y) =>
        {
            // (u, v): the sample in the shape's frame, rotated and scaled so its circle is the unit circle.
            float dx = x - cx, dy = y - cy;
            float u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
            if (inside(u, v))
                return colour;
            return gradient ? Vector3.Lerp(background, end, vertical ? y : x) : background;
        };
    }

    private static bool Circle(float u, float v) => u * u + v * v <= 1;

    // Half-side 1/sqrt(2): the corners touch the unit circle.
    private static bool Square(float u, float v) => MathF.Abs(u) <= 0.7071f && MathF.Abs(v) <= 0.7071f;

    // Equilateral, inscribed in the unit circle (inradius 1/2), pointing up before rotation.
    private static bool Triangle(float u, float v) =>
        v <= 0.5f && 0.8660254f * u - 0.5f * v <= 0.5f && -0.8660254f * u - 0.5f * v <= 0.5f;

    // A plus sign with arms 0.6 wide reaching 0.95 from the centre.
    private static bool Cross(float u, float v)
    {
        float au = MathF.Abs(u), av = MathF.Abs(v);
        return au <= 0.3f && av <= 0.95f || av <= 0.3f && au <= 0.95f;
    }

    private static bool Ring(float u, float v)
    {
        float r2 = u * u + v * v;
        return r2 <= 1 && r2 >= 0.55f * 0.55f;
    }
}
