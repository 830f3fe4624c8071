using Atelier.Data;
using Atelier.Models;
using Atelier.Training;

namespace Atelier.Evaluation;

/// <summary>
/// Judges a model's samples in the feature space of a classifier of its data (the bundled digit classifier for 28x28
/// grey digits, otherwise one trained, seeded, on the run's labelled training images), against held-out real images:
/// the Fréchet distance (a classifier-feature FID), the kernel distance with its standard error, precision/recall and
/// density/coverage; how confidently and evenly the classifier recognises the samples beside real images, and for a
/// conditional model the share drawn in the class asked for; and whether samples copy training images.
/// </summary>
public sealed record SampleEvaluation(double ClassifierFid, double? ClassAgreement, double ClassifierAccuracy, string Classifier, int Samples,
    SampleRecognition Recognition, SampleRecognition RealRecognition)
{
    /// <summary>The classifier's <see cref="ImageClassifier.Hash"/>: figures are comparable only between equal hashes.</summary>
    public required string ExtractorHash { get; init; }

    public required KernelDistance Kid { get; init; }

    /// <summary>Null when either set has too few images for k-NN balls (at most <see cref="ManifoldScores"/>'s k).</summary>
    public required ManifoldScores? Manifold { get; init; }

    public required Memorisation Memorisation { get; init; }

    /// <param name="samples">Where the generated images are kept for pictures of the results, if wanted.</param>
    public static SampleEvaluation Measure(GenerativeModel model, TrainingData data, int count = 1000, long seed = 123, Action<Tensor>? samples = null)
    {
        if (count < 2) throw new ArgumentException($"an evaluation needs at least 2 samples, got {count}");
        var (classifier, source) = DataClassifier.For(model.Spec, data);
        var labels = model.Classes > 0 ? ConditionalLabels.Cycle(count, model.Classes) : null;
        var generated = model.Generate(model.SampleLatents(count, new Generator(seed)), labels); // (count, C, H, W)
        samples?.Invoke(generated);
        var realFeatures = classifier.Features(data.HeldOut.Images); // (held out, D)
        var fakeFeatures = classifier.Features(generated);           // (count, D)
        var real = FrechetDistance.Statistics(realFeatures.Data, realFeatures.Dim(0), realFeatures.Dim(1));
        var fake = FrechetDistance.Statistics(fakeFeatures.Data, fakeFeatures.Dim(0), fakeFeatures.Dim(1));
        var realProbabilities = classifier.ProbabilitiesFromFeatures(realFeatures); // (held out, classes)
        var fakeProbabilities = classifier.ProbabilitiesFromFeatures(fakeFeatures); // (count, classes)
        var accuracy = data.HeldOut.Labels is null ? double.NaN : classifier.AgreementOf(realProbabilities, data.HeldOut.Labels);
        double? agreement = labels is null ? null : classifier.AgreementOf(fakeProbabilities, labels);
        return new SampleEvaluation(FrechetDistance.Between(real, fake), agreement, accuracy, source, count,
            SampleRecognition.FromProbabilities(fakeProbabilities), SampleRecognition.FromProbabilities(realProbabilities))
        {
            ExtractorHash = classifier.Hash,
            Kid = KernelDistance.Between(realFeatures, fakeFeatures, blocks: Math.Clamp(Math.Min(realFeatures.Dim(0), count) / 100, 1, 10), seed: seed),
            Manifold = Math.Min(realFeatures.Dim(0), count) > 5 ? ManifoldScores.Measure(realFeatures, fakeFeatures) : null,
            Memorisation = Memorisation.Check(generated, fakeFeatures, data.Train.Images, classifier.Features(data.Train.Images), seed),
        };
    }
}
