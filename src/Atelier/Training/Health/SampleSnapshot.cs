using Atelier.Evaluation;

namespace Atelier.Training.Health;

/// <summary>
/// What a fixed batch of samples looked like at the end of an epoch, beside held-out real images.
/// </summary>
/// <param name="ClassShares">The share of samples the data's classifier puts in each class; null without a classifier.</param>
/// <param name="RealClassShares">The same for held-out real images.</param>
/// <param name="Diversity">Mean distance between two samples over the same for two real images (features when a classifier exists, else pixels): about 1 when as varied as the data.</param>
/// <param name="DuplicateRate">The share of samples whose nearest other sample is closer than a near-copy of a real image would be.</param>
public sealed record SampleSnapshot(double[]? ClassShares, double[]? RealClassShares, IReadOnlyList<string> ClassNames, double Diversity, double DuplicateRate)
{
    /// <param name="samples">Generated images (N, C, H, W).</param>
    /// <param name="real">Held-out real images of the same shape.</param>
    /// <param name="classifier">The data's classifier: its features measure variety and it counts classes; null: pixels, no classes.</param>
    public static SampleSnapshot Of(Tensor samples, Tensor real, ImageClassifier? classifier, IReadOnlyList<string> classNames)
    {
        if (real.Dim(0) < 2 || samples.Dim(0) < 2) return new SampleSnapshot(null, null, classNames, 1, 0); // too few images to compare
        double[]? shares = null, realShares = null;
        Tensor fakeSpace = samples, realSpace = real;
        if (classifier is not null)
        {
            (fakeSpace, realSpace) = (classifier.Features(samples), classifier.Features(real));
            shares = SampleRecognition.FromProbabilities(classifier.ProbabilitiesFromFeatures(fakeSpace)).ClassShares;
            realShares = SampleRecognition.FromProbabilities(classifier.ProbabilitiesFromFeatures(realSpace)).ClassShares;
        }
        var diversity = MeanDistance(fakeSpace) / Math.Max(MeanDistance(realSpace), 1e-12);
        // A sample is a duplicate when its nearest other sample is as close as a near-copy of a real image would be.
        var realSpacing = NearestNeighbours.KthNeighbourDistances(real, 1).Order().ElementAt(real.Dim(0) / 2);
        var sampleSpacing = NearestNeighbours.KthNeighbourDistances(samples, 1);
        var duplicates = sampleSpacing.Count(d => d < Memorisation.NearCopyRatio * realSpacing) / (double)sampleSpacing.Length;
        return new SampleSnapshot(shares, realShares, classNames, diversity, duplicates);
    }

    /// <summary>The mean Euclidean distance between distinct rows (N, ...).</summary>
    private static double MeanDistance(Tensor rows)
    {
        double total = 0;
        var n = rows.Dim(0);
        NearestNeighbours.ForEachBlock(rows, rows, (_, block) => { foreach (var d in block) total += d; });
        return total / ((double)n * (n - 1));
    }
}
