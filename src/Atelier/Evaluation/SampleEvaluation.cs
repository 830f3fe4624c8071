using Atelier.Data;
using Atelier.Models;
using Atelier.Training;

namespace Atelier.Evaluation;

/// <summary>
/// Judges a model's samples in the feature space of its data's <see cref="FeatureExtractor"/>, against held-out real
/// images: the Fréchet distance (FID in that space), the kernel distance with its standard error, precision/recall and
/// density/coverage, and whether samples copy training images. When the extractor is a classifier, also how confidently
/// and evenly it recognises the samples beside real images, and for a conditional model the share drawn in the class asked for.
/// </summary>
public sealed record SampleEvaluation(double Fid, KernelDistance Kid, int Samples, FeatureExtractor Extractor, Memorisation Memorisation)
{
    /// <summary>Null when either set has too few images for k-NN balls (at most <see cref="ManifoldScores"/>'s k).</summary>
    public ManifoldScores? Manifold { get; init; }

    /// <summary>Null without a classifier.</summary>
    public SampleRecognition? Recognition { get; init; }

    public SampleRecognition? RealRecognition { get; init; }

    /// <summary>For a conditional model judged by a classifier: the share of samples classified as the class asked for.</summary>
    public double? ClassAgreement { get; init; }

    /// <param name="samples">Receives the generated images, for pictures of the results.</param>
    public static SampleEvaluation Measure(GenerativeModel model, TrainingData data, FeatureExtractor extractor, int count = 1000, long seed = 123, Action<Tensor>? samples = null)
    {
        if (count < 2) throw new ArgumentException($"an evaluation needs at least 2 samples, got {count}");
        if (data.HeldOut.Count < 2) throw new DatasetFormatException(data.Description, "an evaluation needs at least 2 held-out real images to compare with");
        var labels = model.Classes > 0 ? ConditionalLabels.Cycle(count, model.Classes) : null;
        var generated = model.Generate(model.SampleLatents(count, new Generator(seed)), labels); // (count, C, H, W)
        samples?.Invoke(generated);
        var realFeatures = extractor.Features(data.HeldOut.Images); // (held out, D)
        var fakeFeatures = extractor.Features(generated);           // (count, D)
        var real = FrechetDistance.Statistics(realFeatures.Data, realFeatures.Dim(0), realFeatures.Dim(1));
        var fake = FrechetDistance.Statistics(fakeFeatures.Data, fakeFeatures.Dim(0), fakeFeatures.Dim(1));
        var result = new SampleEvaluation(FrechetDistance.Between(real, fake), KernelDistance.Between(realFeatures, fakeFeatures, KernelDistance.BlocksFor(realFeatures.Dim(0), count), seed), count, extractor,
            Memorisation.Check(generated, fakeFeatures, data.Train.Images, extractor.Features(data.Train.Images), seed))
        {
            Manifold = Math.Min(realFeatures.Dim(0), count) > 5 ? ManifoldScores.Measure(realFeatures, fakeFeatures) : null,
        };
        if (extractor.Classifier is not ImageClassifier classifier) return result;
        var fakeProbabilities = classifier.ProbabilitiesFromFeatures(fakeFeatures); // (count, classes)
        return result with
        {
            Recognition = SampleRecognition.FromProbabilities(fakeProbabilities),
            RealRecognition = SampleRecognition.FromProbabilities(classifier.ProbabilitiesFromFeatures(realFeatures)),
            ClassAgreement = labels is null ? null : classifier.AgreementOf(fakeProbabilities, labels),
        };
    }
}
