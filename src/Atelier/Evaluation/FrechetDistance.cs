using System.Numerics.Tensors;

namespace Atelier.Evaluation;

/// <summary>
/// The Fréchet distance between two Gaussians fitted to feature vectors, the measure behind FID (Heusel et al. 2017):
/// ||mu1 - mu2||^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2)). Everything is computed in double precision.
/// </summary>
public static class FrechetDistance
{
    // Rows of the left operand processed together by MultiplyTransposed, so the right one is streamed from memory once per block.
    private const int RowBlock = 32;

    // Feature vectors centred and transposed at a time by Statistics.
    private const int SampleChunk = 256;

    /// <summary>
    /// The mean and the unbiased covariance (divided by count - 1) of <paramref name="count"/> row-major feature
    /// vectors of length <paramref name="dimension"/>; needs count &gt;= 2.
    /// </summary>
    public static FeatureStatistics Statistics(ReadOnlySpan<float> features, int count, int dimension)
    {
        if (count < 2)
            throw new ArgumentOutOfRangeException(nameof(count), $"Fréchet statistics need at least 2 feature vectors for a covariance, got {count}");
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), $"Fréchet statistics need a positive feature dimension, got {dimension}");
        if (features.Length != (long)count * dimension)
            throw new ArgumentException($"Fréchet statistics: {features.Length} floats cannot be {count} feature vectors of dimension {dimension} ({(long)count * dimension} floats)", nameof(features));

        var mean = new double[dimension];
        for (var s = 0; s < count; s++)
        {
            var row = features.Slice(s * dimension, dimension);
            for (var j = 0; j < dimension; j++)
            {
                if (!float.IsFinite(row[j]))
                    throw new ArgumentException($"Fréchet statistics: feature {j} of vector {s} is {row[j]}; features must be finite", nameof(features));
                mean[j] += row[j];
            }
        }
        TensorPrimitives.Divide(mean, count, mean);

        // Chunks of centred features, transposed to (dimension, chunk) so that covariance entries are sums of dot
        // products of rows, and memory stays small however many vectors there are.
        var covariance = new double[dimension * dimension];
        var chunk = new double[dimension * Math.Min(count, SampleChunk)];
        for (var start = 0; start < count; start += SampleChunk)
        {
            var size = Math.Min(SampleChunk, count - start);
            for (var s = 0; s < size; s++)
            {
                var row = features.Slice((start + s) * dimension, dimension);
                for (var j = 0; j < dimension; j++) chunk[j * size + s] = row[j] - mean[j];
            }
            for (var i = 0; i < dimension; i++)
            {
                var left = chunk.AsSpan(i * size, size);
                for (var j = 0; j <= i; j++) covariance[i * dimension + j] += TensorPrimitives.Dot(left, chunk.AsSpan(j * size, size));
            }
        }
        for (var i = 0; i < dimension; i++)
            for (var j = 0; j <= i; j++)
                covariance[i * dimension + j] = covariance[j * dimension + i] = covariance[i * dimension + j] / (count - 1);
        return new FeatureStatistics(mean, covariance, dimension, count);
    }

    /// <summary>
    /// ||mu1 - mu2||^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2)), where tr((S1 S2)^(1/2)) is the sum of the square roots of
    /// the eigenvalues of sqrt(S1) S2 sqrt(S1) (negative round-off eigenvalues count as 0). Uses symmetric
    /// eigen-decompositions (Householder tridiagonalisation and implicit QL) in double precision.
    /// </summary>
    public static double Between(FeatureStatistics a, FeatureStatistics b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Check(a, "first");
        Check(b, "second");
        if (a.Dimension != b.Dimension)
            throw new ArgumentException($"Fréchet distance: the statistics have different feature dimensions ({a.Dimension} and {b.Dimension}); compute both with the same feature extractor");
        var n = a.Dimension;

        var meanTerm = 0.0;
        for (var j = 0; j < n; j++) meanTerm += (a.Mean[j] - b.Mean[j]) * (a.Mean[j] - b.Mean[j]);
        var traces = 0.0;
        for (var j = 0; j < n; j++) traces += a.Covariance[j * n + j] + b.Covariance[j * n + j];

        var traceOfRoot = TraceOfProductRoot(a.Covariance, b.Covariance, n);
        return meanTerm + traces - 2.0 * traceOfRoot;
    }

    /// <summary>
    /// tr((S1 S2)^(1/2)) for symmetric positive semi-definite n x n matrices (row-major): the sum of the square roots of the
    /// eigenvalues of sqrt(S1) S2 sqrt(S1), which S1 S2 shares (negative round-off eigenvalues count as 0).
    /// </summary>
    public static double TraceOfProductRoot(double[] s1, double[] s2, int n)
    {
        // With S1 = V diag(l) V^T, sqrt(S1) S2 sqrt(S1) is similar to diag(sqrt l) (V^T S2 V) diag(sqrt l):
        // the same eigenvalues, computed without forming sqrt(S1). The rows of `vectors` are the columns of V.
        var (values, vectors) = SymmetricEigen.Decompose(s1, n, computeVectors: true);
        var roots = values.Select(v => Math.Sqrt(Math.Max(v, 0.0))).ToArray();
        var projected = MultiplyTransposed(vectors!, s2, n, n, n); // V^T S2 (S2 is symmetric)
        var middle = MultiplyTransposed(projected, vectors!, n, n, n); // V^T S2 V
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                // Averaging the two halves removes the round-off asymmetry; the solver reads one triangle.
                var v = 0.5 * (middle[i * n + j] + middle[j * n + i]) * roots[i] * roots[j];
                middle[i * n + j] = middle[j * n + i] = v;
            }
        var (productValues, _) = SymmetricEigen.Decompose(middle, n, computeVectors: false);
        return productValues.Sum(v => Math.Sqrt(Math.Max(v, 0.0)));
    }

    private static void Check(FeatureStatistics s, string which)
    {
        var n = s.Dimension;
        if (n < 1 || s.Mean.Length != n || s.Covariance.Length != (long)n * n)
            throw new ArgumentException($"Fréchet distance: the {which} statistics are inconsistent (dimension {n}, mean of {s.Mean.Length}, covariance of {s.Covariance.Length} values; expected {n} and {(long)n * n})");
        foreach (var v in s.Covariance)
            if (!double.IsFinite(v))
                throw new ArgumentException($"Fréchet distance: the {which} covariance contains {v}; statistics must be finite");
    }

    /// <summary>C = A B^T for row-major A (rows x inner) and B (columns x inner): C[i, j] = dot(A row i, B row j).</summary>
    private static double[] MultiplyTransposed(double[] a, double[] b, int rows, int inner, int columns)
    {
        var c = new double[(long)rows * columns];
        for (var block = 0; block < rows; block += RowBlock)
        {
            var end = Math.Min(rows, block + RowBlock);
            for (var j = 0; j < columns; j++)
            {
                var bRow = b.AsSpan((int)((long)j * inner), inner);
                for (var i = block; i < end; i++)
                    c[(long)i * columns + j] = TensorPrimitives.Dot(a.AsSpan((int)((long)i * inner), inner), bRow);
            }
        }
        return c;
    }
}
