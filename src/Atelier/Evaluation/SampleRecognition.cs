namespace Atelier.Evaluation;

/// <summary>
/// How recognisable and how varied images are, judged by an <see cref="ImageClassifier"/> of their data: the mean
/// probability of each image's top class, the share of images whose top class has probability at least 0.9, and
/// the share of images given to each class.
/// </summary>
public sealed record SampleRecognition(double MeanConfidence, double ConfidentShare, double[] ClassShares)
{
    public const double ConfidentProbability = 0.9;

    /// <summary>Classes that receive at least <paramref name="share"/> of the images (a collapsed model covers few).</summary>
    public int ClassesCovered(double share = 0.04) => ClassShares.Count(s => s >= share);

    public static SampleRecognition Measure(ImageClassifier classifier, Tensor images) => FromProbabilities(classifier.Probabilities(images));

    /// <summary>The recognition of images whose class probabilities (N, classes) are given.</summary>
    public static SampleRecognition FromProbabilities(Tensor classProbabilities)
    {
        var (n, classes) = (classProbabilities.Dim(0), classProbabilities.Dim(1));
        var probabilities = classProbabilities.ToArray();
        var counts = new int[classes];
        double confidence = 0;
        var confident = 0;
        for (var i = 0; i < n; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            var top = ImageClassifier.ArgMax(row);
            counts[top]++;
            confidence += row[top];
            if (row[top] >= ConfidentProbability) confident++;
        }
        return new SampleRecognition(confidence / n, confident / (double)n, counts.Select(c => c / (double)n).ToArray());
    }

    public override string ToString() =>
        $"mean top-class confidence {MeanConfidence:0.000}, {ConfidentShare:P1} classified with probability ≥ {ConfidentProbability}, " +
        $"{ClassesCovered()} of {ClassShares.Length} classes with at least 4% of samples (shares: {string.Join(" ", ClassShares.Select(s => $"{s:P0}"))})";
}
