using Atelier.Data;
using Atelier.Models;
using Atelier.Training;

namespace Atelier.Evaluation;

/// <summary>
/// Judges a model's samples with a classifier of its data: the Frechet distance between the classifier's features
/// of generated and of held-out real images (a classifier-feature FID: lower is closer), and for a conditional
/// model the share of samples the classifier assigns to the class asked for; and how confidently it recognises
/// generated images, beside the same for held-out real ones (<see cref="SampleRecognition"/>). The classifier is the bundled digit
/// classifier for 28x28 grey images, otherwise one trained (seeded) on the run's own labelled training images.
/// </summary>
public sealed record SampleEvaluation(double ClassifierFid, double? ClassAgreement, double ClassifierAccuracy, string Classifier, int Samples,
    SampleRecognition Recognition, SampleRecognition RealRecognition)
{
    public static SampleEvaluation Measure(GenerativeModel model, TrainingData data, int count = 1000, long seed = 123)
    {
        if (count < 2) throw new ArgumentException($"an evaluation needs at least 2 samples, got {count}");
        var (classifier, source) = DataClassifier.For(model.Spec, data);
        var labels = model.Classes > 0 ? ConditionalLabels.Cycle(count, model.Classes) : null;
        var generated = model.Generate(model.SampleLatents(count, new Generator(seed)), labels); // (count, C, H, W)
        var realFeatures = classifier.Features(data.HeldOut.Images); // (held out, D)
        var fakeFeatures = classifier.Features(generated);           // (count, D)
        var real = FrechetDistance.Statistics(realFeatures.Data, realFeatures.Dim(0), realFeatures.Dim(1));
        var fake = FrechetDistance.Statistics(fakeFeatures.Data, fakeFeatures.Dim(0), fakeFeatures.Dim(1));
        var realProbabilities = classifier.ProbabilitiesFromFeatures(realFeatures); // (held out, classes)
        var fakeProbabilities = classifier.ProbabilitiesFromFeatures(fakeFeatures); // (count, classes)
        var accuracy = data.HeldOut.Labels is null ? double.NaN : classifier.AgreementOf(realProbabilities, data.HeldOut.Labels);
        double? agreement = labels is null ? null : classifier.AgreementOf(fakeProbabilities, labels);
        return new SampleEvaluation(FrechetDistance.Between(real, fake), agreement, accuracy, source, count,
            SampleRecognition.FromProbabilities(fakeProbabilities), SampleRecognition.FromProbabilities(realProbabilities));
    }
}
