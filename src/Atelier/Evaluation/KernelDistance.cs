namespace Atelier.Evaluation;

/// <summary>
/// The kernel distance (KID, Bińkowski et al. 2018): the unbiased estimate of the squared maximum mean discrepancy between
/// real and generated features under the cubic polynomial kernel k(x, y) = (x·y / d + 1)³. Unlike FID it has no bias that
/// depends on the sample count, so small evaluations can be compared. Both sets are shuffled (seeded) into
/// <see cref="Blocks"/> disjoint blocks; <see cref="Value"/> is the mean of the blocks' estimates and
/// <see cref="StandardError"/> their standard deviation over √blocks, a true standard error because the blocks are independent.
/// </summary>
public sealed record KernelDistance(double Value, double StandardError, int Blocks, int BlockSize)
{
    /// <param name="real">Real features (N, D).</param>
    /// <param name="fake">Generated features (M, D).</param>
    /// <param name="blocks">Disjoint blocks (each at least 2 vectors of each set); 1 uses every vector once, with no error estimate.</param>
    public static KernelDistance Between(Tensor real, Tensor fake, int blocks = 10, long seed = 0)
    {
        if (real.Rank != 2 || fake.Rank != 2 || real.Dim(1) != fake.Dim(1))
            throw new ArgumentException($"kernel distance: give two feature matrices (N, D) of the same width, got {ShapeMath.Format(real.Dims)} and {ShapeMath.Format(fake.Dims)}");
        if (blocks < 1) throw new ArgumentException($"kernel distance: blocks must be at least 1, got {blocks}");
        var size = Math.Min(real.Dim(0), fake.Dim(0)) / blocks;
        if (size < 2)
            throw new ArgumentException($"kernel distance: {blocks} block(s) of at least 2 vectors need {2 * blocks} of each set, got {real.Dim(0)} real and {fake.Dim(0)} generated");
        var random = new Generator(seed);
        var (realOrder, fakeOrder) = (Permutation(real.Dim(0), random), Permutation(fake.Dim(0), random));
        var estimates = new double[blocks];
        for (var b = 0; b < blocks; b++)
            estimates[b] = UnbiasedMmd(Rows(real, realOrder, b * size, size), Rows(fake, fakeOrder, b * size, size));
        var mean = estimates.Average();
        var error = blocks < 2 ? double.NaN : Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (blocks - 1) / blocks);
        return new KernelDistance(mean, error, blocks, size);
    }

    /// <summary>Blocks of at least 100 vectors of each set, at most 10 of them (one when the sets are smaller than 200).</summary>
    public static int BlocksFor(int real, int fake) => Math.Clamp(Math.Min(real, fake) / 100, 1, 10);

    /// <summary>
    /// Unbiased MMD² of two equal-size sets (m, D): the mean kernel over distinct pairs within each set, minus twice the
    /// mean over all cross pairs.
    /// </summary>
    public static double UnbiasedMmd(Tensor x, Tensor y)
    {
        var m = x.Dim(0);
        if (y.Dim(0) != m) throw new ArgumentException($"kernel distance: the blocks must have equal sizes, got {m} and {y.Dim(0)}");
        var d = x.Dim(1);
        double Sum(Tensor a, Tensor b, bool offDiagonal)
        {
            using var noGrad = Autograd.NoGrad();
            var dots = Tensor.MatMul(a, b, transposeB: true).ToArray(); // (m, m)
            double total = 0;
            for (var i = 0; i < m; i++)
                for (var j = 0; j < m; j++)
                {
                    if (offDiagonal && i == j) continue;
                    var k = dots[i * m + j] / (double)d + 1.0;
                    total += k * k * k;
                }
            return total;
        }
        return (Sum(x, x, true) + Sum(y, y, true)) / (m * (m - 1.0)) - 2.0 * Sum(x, y, false) / ((double)m * m);
    }

    private static int[] Permutation(int n, Generator random)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static Tensor Rows(Tensor source, int[] order, int start, int count)
    {
        var d = source.Dim(1);
        var result = new Tensor(count, d); // (count, D)
        for (var i = 0; i < count; i++) source.Data.Slice(order[start + i] * d, d).CopyTo(result.Data.Slice(i * d, d));
        return result;
    }
}
