using System.Numerics;

namespace Atelier.Data.Procedural;

/// <summary>Random colours that stay apart in luminance, so that every shape and band is visible.</summary>
internal static class Palette
{
    /// <summary>The smallest luma difference between a colour and the colours it must stand out from.</summary>
    public const float MinContrast = 0.25f;

    /// <summary>ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B.</summary>
    public static float Luma(Vector3 c) => 0.299f * c.X + 0.587f * c.Y + 0.114f * c.Z;

    public static Vector3 Any(Generator random) => new(random.NextFloat(), random.NextFloat(), random.NextFloat());

    /// <summary>
    /// A colour whose luma differs by at least <see cref="MinContrast"/> from every one of
    /// <paramref name="others"/>. Rejection sampling; after 64 misses (all but impossible) black or
    /// white, whichever is further from the others' mean luma.
    /// </summary>
    public static Vector3 Contrasting(Generator random, params ReadOnlySpan<Vector3> others)
    {
        for (int attempt = 0; attempt < 64; attempt++)
        {
            var candidate = Any(random);
            if (FarFromAll(candidate, others))
                return candidate;
        }
        return MeanLuma(others) > 0.5f ? Vector3.Zero : Vector3.One;
    }

    /// <summary>A colour near <paramref name="colour"/> (each component moved by up to ±0.15), for soft gradients.</summary>
    public static Vector3 Near(Generator random, Vector3 colour)
    {
        var shift = new Vector3(random.NextFloat(), random.NextFloat(), random.NextFloat()) * 0.3f - new Vector3(0.15f);
        return Vector3.Clamp(colour + shift, Vector3.Zero, Vector3.One);
    }

    private static bool FarFromAll(Vector3 candidate, ReadOnlySpan<Vector3> others)
    {
        foreach (var other in others)
        {
            if (MathF.Abs(Luma(candidate) - Luma(other)) < MinContrast)
                return false;
        }
        return true;
    }

    private static float MeanLuma(ReadOnlySpan<Vector3> others)
    {
        float sum = 0;
        foreach (var other in others)
            sum += Luma(other);
        return sum / others.Length;
    }
}
