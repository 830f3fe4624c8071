namespace Atelier.Evaluation;

/// <summary>
/// How recognisable and how varied generated digits are, judged by a <see cref="ImageClassifier"/> of digits:
/// the mean probability of each image's top class, and the share of images given to each class.
/// </summary>
public sealed record DigitSampleQuality(double MeanConfidence, double[] ClassShares)
{
    /// <summary>Classes that receive at least <paramref name="share"/> of the images (a collapsed model covers few).</summary>
    public int ClassesCovered(double share = 0.04) => ClassShares.Count(s => s >= share);

    public static DigitSampleQuality Measure(ImageClassifier classifier, Tensor images)
    {
        var probabilities = classifier.Probabilities(images).ToArray();
        var n = images.Dim(0);
        var counts = new int[10];
        double confidence = 0;
        for (var i = 0; i < n; i++)
        {
            var row = probabilities.AsSpan(i * 10, 10);
            var top = ImageClassifier.ArgMax(row);
            counts[top]++;
            confidence += row[top];
        }
        return new DigitSampleQuality(confidence / n, counts.Select(c => c / (double)n).ToArray());
    }

    public override string ToString() =>
        $"mean top-class confidence {MeanConfidence:0.000}, {ClassesCovered()} of 10 classes with at least 4% of samples (shares: {string.Join(" ", ClassShares.Select(s => $"{s:P0}"))})";
}
