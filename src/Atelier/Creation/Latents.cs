namespace Atelier.Creation;

/// <summary>Latent vectors addressed by seed, and paths between them.</summary>
public static class Latents
{
    /// <summary>The latent vector of a seed: <paramref name="dim"/> draws from N(0, 1) of a generator seeded with it.</summary>
    public static float[] FromSeed(long seed, int dim)
    {
        var random = new Generator(seed);
        var z = new float[dim];
        for (var i = 0; i < dim; i++) z[i] = random.NextNormal();
        return z;
    }

    /// <summary>
    /// The latent vector of a seed, drawn from N(0, 1) truncated to [-truncation, truncation] when a truncation
    /// is given (see <see cref="Truncated"/>). It depends on (seed, dim, truncation) alone, never on which
    /// other latents are drawn with it, so seed 42 is the same image alone or in a batch.
    /// </summary>
    public static float[] FromSeed(long seed, int dim, float? truncation) =>
        truncation is float threshold ? Truncated(dim, threshold, new Generator(seed)) : FromSeed(seed, dim);

    /// <summary>
    /// <paramref name="count"/> draws from N(0, 1) truncated to [-threshold, threshold]: a draw outside is
    /// replaced by a fresh one (the truncation trick of BigGAN). Thresholds below 0.05 would loop for long and are refused.
    /// </summary>
    public static float[] Truncated(int count, float threshold, Generator random)
    {
        if (!(threshold >= 0.05f)) throw new ArgumentException($"the truncation threshold must be at least 0.05 (typical: 0.5 to 1.5), got {threshold}");
        var z = new float[count];
        for (var i = 0; i < count; i++)
        {
            float v;
            do v = random.NextNormal(); while (MathF.Abs(v) > threshold);
            z[i] = v;
        }
        return z;
    }

    /// <summary>
    /// Spherical interpolation: moves along the great circle between a and b (scaled by the interpolated
    /// norm), which keeps Gaussian latents at a typical radius, unlike a straight line through the
    /// low-density centre. Falls back to linear interpolation when a and b are (anti)parallel.
    /// </summary>
    public static float[] Slerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t)
    {
        if (a.Length != b.Length) throw new ArgumentException($"latents of different sizes: {a.Length} and {b.Length}");
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * (double)b[i]; na += a[i] * (double)a[i]; nb += b[i] * (double)b[i]; }
        var cos = na == 0 || nb == 0 ? 1 : Math.Clamp(dot / Math.Sqrt(na * nb), -1, 1);
        var omega = Math.Acos(cos);
        var result = new float[a.Length];
        if (Math.Sin(omega) < 1e-6)
        {
            for (var i = 0; i < a.Length; i++) result[i] = (1 - t) * a[i] + t * b[i];
            return result;
        }
        var wa = Math.Sin((1 - t) * omega) / Math.Sin(omega);
        var wb = Math.Sin(t * omega) / Math.Sin(omega);
        for (var i = 0; i < a.Length; i++) result[i] = (float)(wa * a[i] + wb * b[i]);
        return result;
    }
}
