namespace Atelier.Evaluation;

/// <summary>
/// Exact nearest neighbours between rows of feature (or flattened pixel) matrices by Euclidean distance. Squared
/// distances come from |a|² + |b|² - 2 a·b, the dot products from one matrix product per block of query rows, so
/// 10,000 x 10,000 comparisons of 784-vectors take a GEMM's time and a block's memory.
/// </summary>
public static class NearestNeighbours
{
    private const int QueryBlock = 512;

    /// <summary>
    /// Visits the Euclidean distances from every query row (N, D) to every reference row (M, D), a block of query rows
    /// at a time: <paramref name="visit"/> gets the first query index of the block and the block's distances, row-major (rows x M).
    /// </summary>
    public static void ForEachBlock(Tensor queries, Tensor references, Action<int, float[]> visit)
    {
        var (q, r) = (AsRows(queries, "queries"), AsRows(references, "references"));
        if (q.Dim(1) != r.Dim(1))
            throw new ArgumentException($"nearest neighbours: the queries have {q.Dim(1)} features and the references {r.Dim(1)}; compare vectors from the same feature space");
        using var noGrad = Autograd.NoGrad();
        var referenceNorms = SquaredNorms(r);
        var m = r.Dim(0);
        for (var start = 0; start < q.Dim(0); start += QueryBlock)
        {
            var block = q.Slice(0, start, Math.Min(QueryBlock, q.Dim(0) - start)); // (rows, D)
            var queryNorms = SquaredNorms(block);
            var distances = Tensor.MatMul(block, r, transposeB: true).ToArray();   // (rows, M) dot products
            for (var i = 0; i < queryNorms.Length; i++)
                for (var j = 0; j < m; j++)
                    distances[i * m + j] = MathF.Sqrt(MathF.Max(0f, queryNorms[i] + referenceNorms[j] - 2f * distances[i * m + j]));
            visit(start, distances);
        }
    }

    /// <summary>For each query row, the index of and distance to its nearest reference row.</summary>
    public static (int[] Indices, float[] Distances) Nearest(Tensor queries, Tensor references)
    {
        var n = queries.Dim(0);
        var (indices, distances) = (new int[n], new float[n]);
        var m = references.Dim(0);
        ForEachBlock(queries, references, (start, block) =>
        {
            for (var i = 0; i < block.Length / m; i++)
            {
                var row = block.AsSpan(i * m, m);
                var best = System.Numerics.Tensors.TensorPrimitives.IndexOfMin(row);
                (indices[start + i], distances[start + i]) = (best, row[best]);
            }
        });
        return (indices, distances);
    }

    /// <summary>Each row's distance to its k-th nearest other row of the same set (the radius of its k-NN ball).</summary>
    public static float[] KthNeighbourDistances(Tensor points, int k)
    {
        var n = points.Dim(0);
        if (k < 1 || k >= n) throw new ArgumentException($"the k-th nearest neighbour needs 1 ≤ k < the number of points ({n}), got k = {k}");
        var radii = new float[n];
        var scratch = new float[n];
        ForEachBlock(points, points, (start, block) =>
        {
            for (var i = 0; i < block.Length / n; i++)
            {
                block.AsSpan(i * n, n).CopyTo(scratch);
                scratch[start + i] = float.PositiveInfinity; // not its own neighbour
                Array.Sort(scratch);
                radii[start + i] = scratch[k - 1];
            }
        });
        return radii;
    }

    private static Tensor AsRows(Tensor t, string what)
    {
        if (t.Rank < 2) throw new ArgumentException($"nearest neighbours: the {what} must be one vector per row, got shape {ShapeMath.Format(t.Dims)}");
        if (t.Dim(0) < 1) throw new ArgumentException($"nearest neighbours: no {what} given");
        return t.Rank == 2 ? t : t.Reshape(t.Dim(0), -1); // (N, D)
    }

    private static float[] SquaredNorms(Tensor rows)
    {
        var (n, d) = (rows.Dim(0), rows.Dim(1));
        var data = rows.ToArray();
        var norms = new float[n];
        for (var i = 0; i < n; i++) norms[i] = System.Numerics.Tensors.TensorPrimitives.Dot(data.AsSpan(i * d, d), data.AsSpan(i * d, d));
        return norms;
    }
}
