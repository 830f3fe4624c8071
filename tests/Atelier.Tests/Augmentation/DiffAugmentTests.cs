using Atelier.NN.Augmentation;
using Atelier.Tests.Engine;

namespace Atelier.Tests.Augmentation;

/// <summary>
/// DiffAugment against hand-worked examples and against a plain-loop reference that replays the documented
/// draw order and applies the transforms one after another (the library fuses flip, shift and cutout into one remap).
/// </summary>
public sealed class DiffAugmentTests
{
    private const AugmentPolicy Everything = AugmentPolicy.Flip | AugmentPolicy.Color | AugmentPolicy.Translation | AugmentPolicy.Cutout;

    private static Tensor Ramp(params int[] shape)
    {
        var t = new Tensor(shape);
        for (var i = 0; i < t.Size; i++) t.Data[i] = i;
        return t;
    }

    [Fact]
    public void Flip_mirrors_each_row_of_the_samples_whose_coin_is_one()
    {
        // Seed 5: sample 0 draws (0.29, coin 1), sample 1 draws (0.65, coin 0): only sample 0 is mirrored.
        var y = DiffAugment.Apply(Ramp(2, 1, 2, 3), AugmentPolicy.Flip, 1f, new Generator(5));
        var g = new Generator(5);
        var coins = new[] { (g.NextFloat(), g.NextInt(2)), (g.NextFloat(), g.NextInt(2)) };
        Assert.Equal([1, 0], coins.Select(c => c.Item2));
        Assert.Equal([2f, 1, 0, 5, 4, 3, 6, 7, 8, 9, 10, 11], y.ToArray());
    }

    [Fact]
    public void Translation_shifts_with_zero_fill()
    {
        // 4 x 4: shifts in [-1, 1]. Seed 9 draws rows +1, columns -1 for the single sample: y[i, j] = x[i + 1, j - 1].
        var g = new Generator(9);
        g.NextFloat();
        Assert.Equal((2, 0), (g.NextInt(3), g.NextInt(3)));
        var y = DiffAugment.Apply(Ramp(1, 1, 4, 4), AugmentPolicy.Translation, 1f, new Generator(9));
        Assert.Equal([
            0f, 4, 5, 6,
            0, 8, 9, 10,
            0, 12, 13, 14,
            0, 0, 0, 0], y.ToArray());
    }

    [Fact]
    public void Cutout_zeroes_a_half_size_square_clipped_at_the_border()
    {
        // 4 x 4: a 2 x 2 square; centres in [0, 5). Seed 6 draws centre (row 4, column 3): rows 3..4, columns 2..3,
        // of which row 4 is outside the image.
        var g = new Generator(6);
        g.NextFloat();
        Assert.Equal((4, 3), (g.NextInt(5), g.NextInt(5)));
        var y = DiffAugment.Apply(Ramp(1, 1, 4, 4) + 1f, AugmentPolicy.Cutout, 1f, new Generator(6));
        Assert.Equal([
            1f, 2, 3, 4,
            5, 6, 7, 8,
            9, 10, 11, 12,
            13, 14, 0, 0], y.ToArray());
    }

    [Fact]
    public void Color_applies_brightness_saturation_and_contrast_per_sample()
    {
        // One sample, 2 channels of 1 x 2 pixels: x = [[0.1, 0.5], [-0.3, 0.7]].
        var x = Tensor.FromArray([0.1f, 0.5f, -0.3f, 0.7f], 1, 2, 1, 2);
        var g = new Generator(5);
        g.NextFloat();
        var (u1, u2, u3) = (g.NextFloat(), g.NextFloat(), g.NextFloat());
        var y = DiffAugment.Apply(x, AugmentPolicy.Color, 1f, new Generator(5)).ToArray();

        double[] v = [0.1 + u1 - 0.5, 0.5 + u1 - 0.5, -0.3 + u1 - 0.5, 0.7 + u1 - 0.5];
        double[] pixelMean = [(v[0] + v[2]) / 2, (v[1] + v[3]) / 2];
        for (var i = 0; i < 4; i++) v[i] = (v[i] - pixelMean[i % 2]) * 2 * u2 + pixelMean[i % 2];
        var mean = v.Average();
        for (var i = 0; i < 4; i++) v[i] = (v[i] - mean) * (u3 + 0.5) + mean;
        for (var i = 0; i < 4; i++) Assert.Equal(v[i], y[i], 5);
    }

    [Theory]
    [InlineData(Everything, 1f, 3)]
    [InlineData(Everything, 0.5f, 8)]
    [InlineData(AugmentPolicy.Color | AugmentPolicy.Translation | AugmentPolicy.Cutout, 0.7f, 9)]
    [InlineData(AugmentPolicy.Flip | AugmentPolicy.Translation, 1f, 10)]
    public void Matches_a_loop_reference_that_applies_the_transforms_one_by_one(AugmentPolicy policy, float p, int seed)
    {
        var (n, c, h, w) = (6, 3, 8, 7);
        var x = Tensor.Uniform([n, c, h, w], new Generator(100 + seed), -1f, 1f);
        var expected = Reference(x.ToArray(), n, c, h, w, policy, p, seed);
        var got = DiffAugment.Apply(x, policy, p, new Generator(seed)).ToArray();
        for (var i = 0; i < got.Length; i++) Assert.True(Math.Abs(got[i] - expected[i]) < 1e-5, $"element {i}: got {got[i]}, expected {expected[i]}");
    }

    [Fact]
    public void Probability_below_one_leaves_some_samples_untouched()
    {
        var x = Tensor.Uniform([64, 1, 8, 8], new Generator(1), -1f, 1f);
        var y = DiffAugment.Apply(x, Everything, 0.3f, new Generator(2));
        var untouched = Enumerable.Range(0, 64).Count(s => x.Data.Slice(s * 64, 64).SequenceEqual(y.Data.Slice(s * 64, 64)));
        // A sample is untouched, bit for bit, when no decision passes except perhaps a flip whose coin is 0 or a shift
        // of (0, 0): 0.85 * 0.7 * (0.7 + 0.3 / 9) * 0.7 = 31%, about 20 of 64.
        Assert.InRange(untouched, 10, 32);
    }

    [Fact]
    public void Probability_zero_or_no_policy_returns_the_input_and_draws_nothing()
    {
        var x = Ramp(2, 1, 4, 4);
        var random = new Generator(9);
        var state = random.GetState();
        Assert.Same(x, DiffAugment.Apply(x, Everything, 0f, random));
        Assert.Same(x, DiffAugment.Apply(x, AugmentPolicy.None, 1f, random));
        Assert.Equal(state, random.GetState());
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(0.6f)]
    public void Gradients_match_finite_differences(float p) =>
        GradCheck.FirstOrder(x => DiffAugment.Apply(x[0], Everything, p, new Generator(21)), [Tensor.Uniform([3, 2, 8, 8], new Generator(1), -1f, 1f)]);

    [Fact]
    public void Second_order_gradients_match_finite_differences() =>
        GradCheck.SecondOrder(x => DiffAugment.Apply(x[0], Everything, 0.8f, new Generator(22)), [Tensor.Uniform([2, 2, 6, 6], new Generator(2), -1f, 1f)]);

    [Fact]
    public void Parse_and_format_round_trip_every_policy()
    {
        for (var bits = 0; bits < 16; bits++)
        {
            var policy = (AugmentPolicy)bits;
            Assert.Equal(policy, DiffAugment.Parse(DiffAugment.Format(policy)));
        }
        Assert.Equal(AugmentPolicy.Color | AugmentPolicy.Translation | AugmentPolicy.Cutout, DiffAugment.Parse("color,translation,cutout"));
        Assert.Equal("color,translation,cutout", DiffAugment.Format(DiffAugment.Parse(" Cutout, color ,translation")));
        Assert.Equal("flip,color,translation,cutout", DiffAugment.Format(Everything));
        Assert.Equal(AugmentPolicy.None, DiffAugment.Parse(""));
        Assert.Equal(AugmentPolicy.None, DiffAugment.Parse("none"));
        Assert.Equal("none", DiffAugment.Format(AugmentPolicy.None));
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_clear_messages()
    {
        var unknown = Assert.Throws<ArgumentException>(() => DiffAugment.Parse("color,rotate"));
        Assert.Contains("unknown augmentation 'rotate'", unknown.Message);
        Assert.Contains("flip, color, translation, cutout", unknown.Message);
        var flags = Assert.Throws<ArgumentException>(() => DiffAugment.Format((AugmentPolicy)16));
        Assert.Contains("unknown flags", flags.Message);
        var probability = Assert.Throws<ArgumentOutOfRangeException>(() => DiffAugment.Apply(Ramp(1, 1, 4, 4), Everything, 1.5f, new Generator(1)));
        Assert.Contains("probability must be in [0, 1], got 1.5", probability.Message);
        var rank = Assert.Throws<ArgumentException>(() => DiffAugment.Apply(Ramp(4, 4), Everything, 1f, new Generator(1)));
        Assert.Contains("expected images (N, C, H, W), got shape [4, 4]", rank.Message);
    }

    /// <summary>Replays the documented draws and applies flip, color, translation and cutout in turn with plain loops.</summary>
    private static float[] Reference(float[] input, int n, int c, int h, int w, AugmentPolicy policy, float p, int seed)
    {
        var g = new Generator(seed);
        var flip = new bool[n];
        var color = new (bool On, double U1, double U2, double U3)[n];
        var shift = new (int Rows, int Columns)[n];
        var cut = new (bool On, int Row, int Column)[n];
        var (maxRow, maxColumn) = ((int)Math.Round(h / 8.0, MidpointRounding.AwayFromZero), (int)Math.Round(w / 8.0, MidpointRounding.AwayFromZero));
        var (cutH, cutW) = ((int)Math.Round(h / 2.0, MidpointRounding.AwayFromZero), (int)Math.Round(w / 2.0, MidpointRounding.AwayFromZero));
        if (policy.HasFlag(AugmentPolicy.Flip))
            for (var s = 0; s < n; s++) flip[s] = g.NextFloat() < p & g.NextInt(2) == 1;
        if (policy.HasFlag(AugmentPolicy.Color))
            for (var s = 0; s < n; s++) color[s] = (g.NextFloat() < p, g.NextFloat(), g.NextFloat(), g.NextFloat());
        if (policy.HasFlag(AugmentPolicy.Translation))
            for (var s = 0; s < n; s++)
            {
                var on = g.NextFloat() < p;
                var (a, b) = (g.NextInt(2 * maxRow + 1) - maxRow, g.NextInt(2 * maxColumn + 1) - maxColumn);
                shift[s] = on ? (a, b) : (0, 0);
            }
        if (policy.HasFlag(AugmentPolicy.Cutout))
            for (var s = 0; s < n; s++) cut[s] = (g.NextFloat() < p, g.NextInt(h + 1 - cutH % 2) - cutH / 2, g.NextInt(w + 1 - cutW % 2) - cutW / 2);

        var x = input.Select(v => (double)v).ToArray();
        int At(int s, int ch, int i, int j) => ((s * c + ch) * h + i) * w + j;
        for (var s = 0; s < n; s++)
        {
            var y = new double[c * h * w];
            if (flip[s])
            {
                for (var ch = 0; ch < c; ch++)
                    for (var i = 0; i < h; i++)
                        for (var j = 0; j < w; j++) y[(ch * h + i) * w + j] = x[At(s, ch, i, w - 1 - j)];
                Array.Copy(y, 0, x, At(s, 0, 0, 0), y.Length);
            }
            if (color[s].On)
            {
                for (var k = 0; k < c * h * w; k++) x[At(s, 0, 0, 0) + k] += color[s].U1 - 0.5;
                for (var i = 0; i < h; i++)
                    for (var j = 0; j < w; j++)
                    {
                        double mean = 0;
                        for (var ch = 0; ch < c; ch++) mean += x[At(s, ch, i, j)] / c;
                        for (var ch = 0; ch < c; ch++) x[At(s, ch, i, j)] = (x[At(s, ch, i, j)] - mean) * 2 * color[s].U2 + mean;
                    }
                var all = x.AsSpan(At(s, 0, 0, 0), c * h * w);
                var sampleMean = 0.0;
                foreach (var v in all) sampleMean += v / all.Length;
                for (var k = 0; k < all.Length; k++) all[k] = (all[k] - sampleMean) * (color[s].U3 + 0.5) + sampleMean;
            }
            for (var ch = 0; ch < c; ch++)
                for (var i = 0; i < h; i++)
                    for (var j = 0; j < w; j++)
                    {
                        var (r, q) = (i + shift[s].Rows, j + shift[s].Columns);
                        y[(ch * h + i) * w + j] = r >= 0 && r < h && q >= 0 && q < w ? x[At(s, ch, r, q)] : 0;
                    }
            Array.Copy(y, 0, x, At(s, 0, 0, 0), y.Length);
            if (cut[s].On)
                for (var ch = 0; ch < c; ch++)
                    for (var i = Math.Max(0, cut[s].Row); i < Math.Min(h, cut[s].Row + cutH); i++)
                        for (var j = Math.Max(0, cut[s].Column); j < Math.Min(w, cut[s].Column + cutW); j++) x[At(s, ch, i, j)] = 0;
        }
        return x.Select(v => (float)v).ToArray();
    }
}
