namespace Atelier.NN.Augmentation;

/// <summary>
/// Differentiable augmentation (DiffAugment, Zhao et al. 2020) for GAN training: the same random transforms are
/// applied to real and generated batches before the discriminator sees them, and gradients flow through them
/// to the generator (and through R1 / gradient penalties, to second order).
/// </summary>
public static class DiffAugment
{
    // Text names in the order the transforms are applied (and formatted).
    private static readonly (string Name, AugmentPolicy Flag)[] Names =
    [
        ("flip", AugmentPolicy.Flip),
        ("color", AugmentPolicy.Color),
        ("translation", AugmentPolicy.Translation),
        ("cutout", AugmentPolicy.Cutout),
    ];

    private const AugmentPolicy All = AugmentPolicy.Flip | AugmentPolicy.Color | AugmentPolicy.Translation | AugmentPolicy.Cutout;

    /// <summary>
    /// Reads a comma-separated subset of <c>color, translation, cutout, flip</c> (any order, any case, spaces
    /// allowed); <c>""</c> or <c>none</c> is <see cref="AugmentPolicy.None"/>. DiffAugment's default is <c>color,translation,cutout</c>.
    /// </summary>
    public static AugmentPolicy Parse(string policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var text = policy.Trim();
        if (text.Length == 0 || text.Equals("none", StringComparison.OrdinalIgnoreCase)) return AugmentPolicy.None;
        var result = AugmentPolicy.None;
        foreach (var part in text.Split(','))
        {
            var name = part.Trim();
            var match = Array.FindIndex(Names, n => n.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match < 0)
                throw new ArgumentException($"unknown augmentation '{name}' in policy '{policy}': use a comma-separated subset of {string.Join(", ", Names.Select(n => n.Name))}, or 'none'", nameof(policy));
            result |= Names[match].Flag;
        }
        return result;
    }

    /// <summary>The canonical text of <paramref name="policy"/>: names in application order (flip, color, translation, cutout), or <c>none</c>.</summary>
    public static string Format(AugmentPolicy policy)
    {
        CheckPolicy(policy);
        return policy == AugmentPolicy.None ? "none" : string.Join(",", Names.Where(n => policy.HasFlag(n.Flag)).Select(n => n.Name));
    }

    /// <summary>
    /// Augments <paramref name="images"/> (N, C, H, W) in [-1, 1]. Each transform in <paramref name="policy"/> is applied
    /// to each sample independently with probability <paramref name="probability"/> (1 = DiffAugment as published,
    /// below 1 = ADA-style), in this order:
    /// <list type="bullet">
    /// <item>flip: when applied, a fair coin decides whether the sample is mirrored horizontally (as ADA's x-flip);</item>
    /// <item>color: brightness x + (u1 - 0.5); saturation (x - mean_C x) * 2 u2 + mean_C x; contrast (x - mean_CHW x) * (u3 + 0.5) + mean_CHW x;</item>
    /// <item>translation: y[i, j] = x[i + a, j + b] (0 outside) with integers a in [-s, s], s = round(H / 8), and b likewise with W;</item>
    /// <item>cutout: a round(H / 2) x round(W / 2) square (clipped at the border) at a random centre is set to 0.</item>
    /// </list>
    /// Random draws, for reproducible and resumable runs: for each transform of the policy in the order above, for each
    /// sample n = 0..N-1, first <c>NextFloat()</c> decides (applied when below <paramref name="probability"/>), then the
    /// parameters are drawn whether or not the transform is applied: flip <c>NextInt(2)</c> (1 mirrors); color
    /// <c>NextFloat()</c> for u1, u2, u3; translation <c>NextInt(2s + 1) - s</c> for rows, then for columns; cutout the
    /// centre row <c>NextInt(H + 1 - h % 2)</c> then column <c>NextInt(W + 1 - w % 2)</c> (h x w the square, rows
    /// centre - h / 2 .. centre - h / 2 + h - 1), all as in the reference code. With probability 0 or policy None the input
    /// itself is returned and nothing is drawn.
    /// The result is differentiable with respect to <paramref name="images"/>, to first and second order (so R1 and
    /// gradient penalties may differentiate through it).
    /// </summary>
    public static Tensor Apply(Tensor images, AugmentPolicy policy, float probability, Generator random)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(random);
        CheckPolicy(policy);
        if (!(probability >= 0f && probability <= 1f))
            throw new ArgumentOutOfRangeException(nameof(probability), $"DiffAugment: probability must be in [0, 1], got {probability}");
        if (images.Rank != 4)
            throw new ArgumentException($"DiffAugment: expected images (N, C, H, W), got shape {ShapeMath.Format(images.Dims)}", nameof(images));
        if (policy == AugmentPolicy.None || probability == 0f) return images;

        var (n, h, w) = (images.Dim(0), images.Dim(2), images.Dim(3));
        var draws = new Draws(n);
        if (policy.HasFlag(AugmentPolicy.Flip)) draws.DrawFlips(random, probability);
        if (policy.HasFlag(AugmentPolicy.Color)) draws.DrawColors(random, probability);
        if (policy.HasFlag(AugmentPolicy.Translation)) draws.DrawShifts(random, probability, h, w);
        if (policy.HasFlag(AugmentPolicy.Cutout)) draws.DrawCutouts(random, probability, h, w);

        var x = images;
        if (policy.HasFlag(AugmentPolicy.Color)) x = Color(x, draws);
        // Flip commutes with the colour transforms (they are per pixel, or use means a permutation keeps), so flip,
        // translation and cutout together are one pixel remap after them.
        if ((policy & (AugmentPolicy.Flip | AugmentPolicy.Translation | AugmentPolicy.Cutout)) != 0)
            x = x.RemapPixels(draws.PixelMap(h, w));
        return x;
    }

    private static Tensor Color(Tensor x, Draws draws)
    {
        var n = x.Dim(0);
        var brightness = Tensor.Zeros(n, 1, 1, 1); // (N, 1, 1, 1)
        var saturation = Tensor.Ones(n, 1, 1, 1); // (N, 1, 1, 1)
        var contrast = Tensor.Ones(n, 1, 1, 1); // (N, 1, 1, 1)
        for (var s = 0; s < n; s++)
        {
            if (!draws.Colored[s]) continue;
            brightness.Data[s] = draws.Brightness[s] - 0.5f;
            saturation.Data[s] = draws.Saturation[s] * 2f;
            contrast.Data[s] = draws.Contrast[s] + 0.5f;
        }
        x = x + brightness; // (N, C, H, W)
        x = Blend(x, x.Mean(1, keepDim: true), saturation); // (N, C, H, W)
        return Blend(x, x.Mean([1, 2, 3], keepDim: true), contrast); // (N, C, H, W)
    }

    /// <summary>
    /// (x - mean) * k + mean, written as x * k + mean * (1 - k) so that a sample left alone (k = 1) keeps its exact values.
    /// </summary>
    private static Tensor Blend(Tensor x, Tensor mean, Tensor k) => x * k + mean * (1f - k);

    private static void CheckPolicy(AugmentPolicy policy)
    {
        if ((policy & ~All) != 0)
            throw new ArgumentException($"augmentation policy value {(int)policy} has unknown flags: combine only {string.Join(", ", Names.Select(n => n.Flag))}", nameof(policy));
    }

    /// <summary>The per-sample random choices of one call, drawn in the documented order.</summary>
    private sealed class Draws(int n)
    {
        public readonly bool[] Flipped = new bool[n];
        public readonly bool[] Colored = new bool[n];
        public readonly float[] Brightness = new float[n];
        public readonly float[] Saturation = new float[n];
        public readonly float[] Contrast = new float[n];
        public readonly int[] ShiftRows = new int[n];
        public readonly int[] ShiftColumns = new int[n];
        public readonly bool[] Cut = new bool[n];
        public readonly int[] CutRow = new int[n];
        public readonly int[] CutColumn = new int[n];
        private int _cutHeight, _cutWidth;

        public void DrawFlips(Generator random, float p)
        {
            for (var s = 0; s < n; s++)
            {
                var applied = random.NextFloat() < p;
                var mirror = random.NextInt(2) == 1;
                Flipped[s] = applied && mirror;
            }
        }

        public void DrawColors(Generator random, float p)
        {
            for (var s = 0; s < n; s++)
            {
                Colored[s] = random.NextFloat() < p;
                Brightness[s] = random.NextFloat();
                Saturation[s] = random.NextFloat();
                Contrast[s] = random.NextFloat();
            }
        }

        public void DrawShifts(Generator random, float p, int h, int w)
        {
            var (maxRow, maxColumn) = ((h + 4) / 8, (w + 4) / 8); // round(H / 8), round(W / 8)
            for (var s = 0; s < n; s++)
            {
                var applied = random.NextFloat() < p;
                var rows = random.NextInt(2 * maxRow + 1) - maxRow;
                var columns = random.NextInt(2 * maxColumn + 1) - maxColumn;
                (ShiftRows[s], ShiftColumns[s]) = applied ? (rows, columns) : (0, 0);
            }
        }

        public void DrawCutouts(Generator random, float p, int h, int w)
        {
            (_cutHeight, _cutWidth) = ((h + 1) / 2, (w + 1) / 2); // round(H / 2), round(W / 2)
            for (var s = 0; s < n; s++)
            {
                Cut[s] = random.NextFloat() < p;
                CutRow[s] = random.NextInt(h + 1 - _cutHeight % 2) - _cutHeight / 2;
                CutColumn[s] = random.NextInt(w + 1 - _cutWidth % 2) - _cutWidth / 2;
            }
        }

        /// <summary>Output pixel to source pixel (-1 for zero) per sample: flip, then shift, then cutout.</summary>
        public int[] PixelMap(int h, int w)
        {
            var map = new int[n * h * w];
            for (var s = 0; s < n; s++)
                for (var i = 0; i < h; i++)
                    for (var j = 0; j < w; j++)
                    {
                        var (row, column) = (i + ShiftRows[s], j + ShiftColumns[s]);
                        var inside = row >= 0 && row < h && column >= 0 && column < w;
                        var cut = Cut[s] && i >= CutRow[s] && i < CutRow[s] + _cutHeight && j >= CutColumn[s] && j < CutColumn[s] + _cutWidth;
                        map[(s * h + i) * w + j] = !inside || cut ? -1 : row * w + (Flipped[s] ? w - 1 - column : column);
                    }
            return map;
        }
    }
}
