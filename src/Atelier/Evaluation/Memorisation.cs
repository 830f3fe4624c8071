using Atelier.Imaging;

namespace Atelier.Evaluation;

/// <summary>
/// Does a model reproduce its training images? Every sample's nearest training image in pixel and in feature space, the
/// pairs sorted closest first (by pixel ratio), and a near-copy flag: a sample closer to a training image than
/// <see cref="NearCopyRatio"/> of the typical training-to-training nearest-neighbour distance. Measuring against the data's
/// own spacing makes the rule independent of image size, value range and how varied the dataset is.
/// </summary>
public sealed record Memorisation(IReadOnlyList<MemorisationPair> Pairs, double TypicalPixelDistance, double TypicalFeatureDistance)
{
    /// <summary>
    /// Training images are rarely a third as far from their nearest neighbour as typical (MNIST's nearest-neighbour
    /// distances vary by about a factor of two around the median), while a copy, even re-encoded or lightly noised, sits at
    /// a small fraction of it.
    /// </summary>
    public const double NearCopyRatio = 1.0 / 3.0;

    // Training images whose nearest-neighbour distances set the typical spacing (a seeded subset, for speed).
    private const int SpacingSample = 1000;

    public int NearCopies => Pairs.Count(p => p.NearCopy);

    /// <summary>The median over samples of the pixel distance to the nearest training image, relative to the typical spacing.</summary>
    public double MedianPixelRatio => Median(Pairs.Select(p => p.PixelRatio));

    /// <param name="samples">Generated images (N, C, H, W).</param>
    /// <param name="sampleFeatures">Their features (N, D).</param>
    /// <param name="training">The training images (M, C, H, W), M ≥ 2.</param>
    /// <param name="trainingFeatures">Their features (M, D), from the same extractor.</param>
    public static Memorisation Check(Tensor samples, Tensor sampleFeatures, Tensor training, Tensor trainingFeatures, long seed = 0)
    {
        if (training.Dim(0) < 2) throw new ArgumentException($"the memorisation check needs at least 2 training images, got {training.Dim(0)}");
        if (samples.Dim(0) != sampleFeatures.Dim(0) || training.Dim(0) != trainingFeatures.Dim(0))
            throw new ArgumentException($"the memorisation check needs one feature vector per image: {samples.Dim(0)} samples with {sampleFeatures.Dim(0)}, {training.Dim(0)} training images with {trainingFeatures.Dim(0)}");
        var (pixelIndex, pixelDistance) = NearestNeighbours.Nearest(samples, training);
        var (featureIndex, featureDistance) = NearestNeighbours.Nearest(sampleFeatures, trainingFeatures);
        var spacingRows = SpacingRows(training.Dim(0), seed);
        var typicalPixel = TypicalSpacing(training, spacingRows);
        var typicalFeature = TypicalSpacing(trainingFeatures, spacingRows);
        var pairs = Enumerable.Range(0, samples.Dim(0)).Select(i =>
        {
            var pixelRatio = pixelDistance[i] / Math.Max(typicalPixel, 1e-12);
            return new MemorisationPair(i, pixelIndex[i], pixelDistance[i], pixelRatio,
                featureIndex[i], featureDistance[i], featureDistance[i] / Math.Max(typicalFeature, 1e-12), pixelRatio < NearCopyRatio);
        }).OrderBy(p => p.PixelRatio).ToList();
        return new Memorisation(pairs, typicalPixel, typicalFeature);
    }

    /// <summary>
    /// A PNG of the <paramref name="count"/> closest pairs, one per row: the sample, its nearest training image in pixels,
    /// and its nearest in features.
    /// </summary>
    public void SaveClosestPairs(string path, Tensor samples, Tensor training, int count = 16)
    {
        var rows = Pairs.Take(count).ToList();
        var cells = new List<Tensor>();
        foreach (var pair in rows)
        {
            cells.Add(samples.Slice(0, pair.Sample, 1));
            cells.Add(training.Slice(0, pair.PixelNeighbour, 1));
            cells.Add(training.Slice(0, pair.FeatureNeighbour, 1));
        }
        PngEncoder.Save(ImageTensors.Grid(Tensor.Concat(cells, axis: 0), 0f, 1f, columns: 3), path); // (3 x rows, C, H, W)
    }

    private static int[] SpacingRows(int count, long seed)
    {
        if (count <= SpacingSample) return Enumerable.Range(0, count).ToArray();
        var random = new Generator(seed);
        return Enumerable.Range(0, count).OrderBy(_ => random.NextFloat()).Take(SpacingSample).ToArray();
    }

    /// <summary>The median distance from the given rows to their nearest other row of the whole set.</summary>
    private static double TypicalSpacing(Tensor all, int[] rows)
    {
        var flat = all.Reshape(all.Dim(0), -1); // (M, D)
        var d = flat.Dim(1);
        var subset = new Tensor(rows.Length, d); // (rows, D)
        for (var i = 0; i < rows.Length; i++) flat.Data.Slice(rows[i] * d, d).CopyTo(subset.Data.Slice(i * d, d));
        var m = all.Dim(0);
        var nearest = new double[rows.Length];
        NearestNeighbours.ForEachBlock(subset, flat, (start, block) =>
        {
            for (var i = 0; i < block.Length / m; i++)
            {
                var best = double.PositiveInfinity;
                for (var j = 0; j < m; j++)
                    if (j != rows[start + i] && block[i * m + j] < best) best = block[i * m + j];
                nearest[start + i] = best;
            }
        });
        return Median(nearest);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }
}
