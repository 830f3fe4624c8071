namespace Atelier.Data.Doctor;

/// <summary>
/// All pairs of thumbnails within a distance of each other, without comparing every pair: each thumbnail's distances
/// to a few far-apart pivots bound its distance to any other (triangle inequality: |d(a,p) - d(b,p)| ≤ d(a,b)), so after
/// sorting by the distance to the first pivot only neighbours in a window of ± threshold can match, and only those
/// whose distances to every pivot also agree within the threshold are compared in full. The result is exact.
/// </summary>
internal static class NearDuplicates
{
    private const int Pivots = 8;

    // Distances are computed in single precision: a little room keeps the pruning from losing a pair at the threshold.
    private const double Slack = 1e-5;

    /// <summary>The pairs (i, j), i &lt; j, of <paramref name="thumbnails"/> at most <paramref name="threshold"/> apart, with their distance.</summary>
    public static List<(int A, int B, double Distance)> Pairs(IReadOnlyList<float[]> thumbnails, double threshold)
    {
        int n = thumbnails.Count;
        var pairs = new List<(int, int, double)>();
        if (n < 2) return pairs;
        int m = Math.Min(Pivots, n);
        var toPivot = new double[n, m];   // (N, pivots)
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        int pivot = 0;
        for (int k = 0; k < m; k++)
        {
            int next = 0;
            for (int i = 0; i < n; i++)
            {
                toPivot[i, k] = ImageFingerprint.Distance(thumbnails[i], thumbnails[pivot]);
                nearest[i] = Math.Min(nearest[i], toPivot[i, k]);
                if (nearest[i] > nearest[next]) next = i;
            }
            pivot = next;   // farthest from every pivot so far
        }

        var order = Enumerable.Range(0, n).OrderBy(i => toPivot[i, 0]).ToArray();
        for (int x = 0; x < n; x++)
        {
            int a = order[x];
            for (int y = x + 1; y < n && toPivot[order[y], 0] - toPivot[a, 0] <= threshold + Slack; y++)
            {
                int b = order[y];
                if (!Agree(toPivot, a, b, m, threshold)) continue;
                double distance = ImageFingerprint.Distance(thumbnails[a], thumbnails[b]);
                if (distance <= threshold) pairs.Add((Math.Min(a, b), Math.Max(a, b), distance));
            }
        }
        return pairs;
    }

    private static bool Agree(double[,] toPivot, int a, int b, int m, double threshold)
    {
        for (int k = 1; k < m; k++)
        {
            if (Math.Abs(toPivot[a, k] - toPivot[b, k]) > threshold + Slack) return false;
        }
        return true;
    }
}
