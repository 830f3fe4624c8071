namespace Atelier.Evaluation;

/// <summary>
/// Fidelity and diversity of generated samples judged by k-NN balls in feature space. Each real feature's ball reaches its
/// k-th nearest real neighbour (and each fake's its k-th nearest fake). Precision: the share of fakes inside some real ball;
/// recall: the share of reals inside some fake ball (Kynkäänniemi et al. 2019, k = 3). Density: fake-in-real-ball memberships
/// per fake, divided by k (about 1 when fakes are distributed like reals, above 1 when they crowd dense regions); coverage: the
/// share of real balls holding at least one fake (Naeem et al. 2020, k = 5).
/// </summary>
public sealed record ManifoldScores(double Precision, double Recall, int PrecisionRecallK, double Density, double Coverage, int DensityCoverageK)
{
    /// <param name="real">Real features (N, D).</param>
    /// <param name="fake">Generated features (M, D).</param>
    public static ManifoldScores Measure(Tensor real, Tensor fake, int precisionRecallK = 3, int densityCoverageK = 5)
    {
        var (n, m) = (real.Dim(0), fake.Dim(0));
        var realPr = NearestNeighbours.KthNeighbourDistances(real, precisionRecallK);
        var realDc = NearestNeighbours.KthNeighbourDistances(real, densityCoverageK);
        var fakePr = NearestNeighbours.KthNeighbourDistances(fake, precisionRecallK);
        var fakeInRealManifold = new bool[m];
        long memberships = 0;
        int realInFakeManifold = 0, covered = 0;
        NearestNeighbours.ForEachBlock(real, fake, (start, block) =>
        {
            for (var i = 0; i < block.Length / m; i++)
            {
                var r = start + i;
                bool inFake = false, isCovered = false;
                for (var j = 0; j < m; j++)
                {
                    var d = block[i * m + j];
                    if (d <= realPr[r]) fakeInRealManifold[j] = true;
                    if (d <= fakePr[j]) inFake = true;
                    if (d <= realDc[r]) { memberships++; isCovered = true; }
                }
                if (inFake) realInFakeManifold++;
                if (isCovered) covered++;
            }
        });
        return new ManifoldScores(
            fakeInRealManifold.Count(x => x) / (double)m, realInFakeManifold / (double)n, precisionRecallK,
            memberships / ((double)densityCoverageK * m), covered / (double)n, densityCoverageK);
    }
}
