using Atelier.Evaluation;

namespace Atelier.Creation;

/// <summary>Principal component analysis of latents: their coordinates along the two directions in which they vary most.</summary>
public static class Pca
{
    /// <summary>
    /// Each point's coordinates (x, y) along the first two principal components of <paramref name="points"/> (the eigenvectors
    /// of their covariance with the largest eigenvalues), and the share of the total variance each component explains.
    /// Eigenvectors have no preferred sign; each is turned so that its largest component is positive, so the map is the same every time.
    /// </summary>
    public static (double[] X, double[] Y, double ShareX, double ShareY) TwoComponents(IReadOnlyList<float[]> points)
    {
        if (points.Count < 2) throw new ArgumentException($"a map needs at least 2 points, got {points.Count}");
        var d = points[0].Length;
        if (d < 2) throw new ArgumentException($"a 2-D map needs latents of at least 2 values, got {d}");
        var mean = new double[d];
        foreach (var p in points)
            for (var j = 0; j < d; j++) mean[j] += p[j] / (double)points.Count;
        var covariance = new double[d * d]; // (D, D), both triangles filled
        foreach (var p in points)
            for (var i = 0; i < d; i++)
            {
                var a = p[i] - mean[i];
                for (var j = 0; j <= i; j++) covariance[i * d + j] += a * (p[j] - mean[j]) / (points.Count - 1);
            }
        for (var i = 0; i < d; i++)
            for (var j = 0; j < i; j++) covariance[j * d + i] = covariance[i * d + j];
        var (values, vectors) = SymmetricEigen.Decompose(covariance, d, computeVectors: true);
        var total = values.Sum(v => Math.Max(0, v));
        double[] Along(int k)
        {
            var axis = vectors!.AsSpan(k * d, d).ToArray();
            var largest = axis.MaxBy(Math.Abs);
            if (largest < 0) for (var j = 0; j < d; j++) axis[j] = -axis[j];
            return [.. points.Select(p => Enumerable.Range(0, d).Sum(j => (p[j] - mean[j]) * axis[j]))];
        }
        return (Along(d - 1), Along(d - 2), values[d - 1] / total, values[d - 2] / total);
    }

    /// <summary>
    /// A slot of a <paramref name="columns"/> x <paramref name="rows"/> grid for each point, near its place on the map (x right, y
    /// up, scaled to fill the grid) and never shared: points take the free slot nearest to them in turn, so every thumbnail shows whole.
    /// </summary>
    public static int[] Slots(double[] x, double[] y, int columns, int rows)
    {
        if (x.Length > columns * rows) throw new ArgumentException($"{x.Length} points do not fit in {columns} x {rows} slots");
        double Scale(double v, double min, double max, int cells) => max > min ? (v - min) / (max - min) * (cells - 1) : (cells - 1) / 2.0;
        var (minX, maxX, minY, maxY) = (x.Min(), x.Max(), y.Min(), y.Max());
        var free = new bool[columns * rows];
        Array.Fill(free, true);
        var slots = new int[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var (cx, cy) = (Scale(x[i], minX, maxX, columns), rows - 1 - Scale(y[i], minY, maxY, rows));
            var best = -1;
            var bestDistance = double.MaxValue;
            for (var s = 0; s < free.Length; s++)
            {
                if (!free[s]) continue;
                var (dx, dy) = (s % columns - cx, s / columns - cy);
                var distance = dx * dx + dy * dy;
                if (distance < bestDistance) (best, bestDistance) = (s, distance);
            }
            free[best] = false;
            slots[i] = best;
        }
        return slots;
    }
}
