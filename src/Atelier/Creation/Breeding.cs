namespace Atelier.Creation;

/// <summary>
/// Children of two latents: a crossover of the parents, then a mutation towards fresh noise. A child depends on
/// (parents, seed, mutation, crossover) alone, so the same seed always breeds the same child.
/// </summary>
public static class Breeding
{
    /// <summary>
    /// The child <c>sqrt(1 − m²) · cross(a, b) + m · n</c>, with n ~ N(0, I) drawn from the seed: for m in [0, 1] a
    /// child of two N(0, I) latents stays at their typical radius. m = 0 keeps the crossover as it is; m = 1 is a stranger.
    /// </summary>
    public static float[] Child(ReadOnlySpan<float> a, ReadOnlySpan<float> b, long seed, float mutation, Crossover crossover)
    {
        if (a.Length != b.Length) throw new ArgumentException($"parents with latents of different sizes: {a.Length} and {b.Length}");
        if (!(mutation is >= 0f and <= 1f)) throw new ArgumentException($"the mutation must be between 0 and 1, got {mutation}");
        var random = new Generator(seed);
        float[] child;
        if (crossover == Crossover.Blend) child = Latents.Slerp(a, b, random.NextFloat());
        else
        {
            child = new float[a.Length];
            for (var i = 0; i < a.Length; i++) child[i] = random.NextFloat() < 0.5f ? a[i] : b[i];
        }
        if (mutation == 0f) return child;
        var keep = MathF.Sqrt(1f - mutation * mutation);
        for (var i = 0; i < child.Length; i++) child[i] = keep * child[i] + mutation * random.NextNormal();
        return child;
    }
}
