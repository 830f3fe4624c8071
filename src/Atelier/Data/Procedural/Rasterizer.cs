using System.Numerics;

namespace Atelier.Data.Procedural;

/// <summary>
/// Renders a colour function of continuous coordinates into (3, size, size) planes, averaging a
/// 4 × 4 grid of samples per pixel so that edges are anti-aliased.
/// </summary>
internal static class Rasterizer
{
    private const int Samples = 4;

    /// <summary>
    /// Fills <paramref name="planes"/>, (3, size, size), with the mean of <paramref name="colour"/>
    /// over each pixel; x and y run over [0, 1) left to right and top to bottom.
    /// </summary>
    public static void Render(Span<float> planes, int size, Func<float, float, Vector3> colour)
    {
        int plane = size * size;
        float step = 1f / (size * Samples);
        for (int py = 0; py < size; py++)
        {
            for (int px = 0; px < size; px++)
            {
                var sum = Vector3.Zero;
                for (int sy = 0; sy < Samples; sy++)
                {
                    float y = (py * Samples + sy + 0.5f) * step;
                    for (int sx = 0; sx < Samples; sx++)
                        sum += colour((px * Samples + sx + 0.5f) * step, y);
                }
                var mean = Vector3.Clamp(sum / (Samples * Samples), Vector3.Zero, Vector3.One);
                int at = py * size + px;
                planes[at] = mean.X;
                planes[plane + at] = mean.Y;
                planes[2 * plane + at] = mean.Z;
            }
        }
    }

    /// <summary>
    /// Renders image i of <paramref name="count"/> on 2 threads, each from its own generator made
    /// from (<paramref name="seed"/>, <paramref name="salt"/>, i), so image i never depends on the
    /// count or on the other images.
    /// </summary>
    public static Tensor RenderAll(int count, int size, long seed, ulong salt, Func<Generator, int, Func<float, float, Vector3>> draw)
    {
        var images = new Tensor(count, 3, size, size);   // (N, 3, size, size)
        int perImage = 3 * size * size;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var colour = draw(ImageGenerator(seed, salt, i), i);
            Render(images.Data.Slice(i * perImage, perImage), size, colour);
        });
        return images;
    }

    /// <summary>A generator for one image, seeded by a hash of (seed, salt, index).</summary>
    public static Generator ImageGenerator(long seed, ulong salt, int index) =>
        new(unchecked((long)Mix(Mix((ulong)seed ^ salt) + (ulong)index)));

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
