using Atelier.Data;
using Atelier.Evaluation;

namespace Atelier.Tests.Training;

/// <summary>The bundled digit classifier (trained on 9,000 bundled digits with a fixed seed), judged on the 1,000 held out.</summary>
public sealed class MnistCnnTests
{
    [Fact]
    public void The_bundled_classifier_recognises_held_out_digits()
    {
        var accuracy = ImageClassifier.BundledDigits().Accuracy(Mnist.HeldOut);
        Assert.True(accuracy >= 0.98, $"held-out accuracy {accuracy:P1}");
    }

    [Fact]
    public void Sample_quality_flags_a_collapsed_set_of_digits()
    {
        var classifier = ImageClassifier.BundledDigits();
        var heldOut = Mnist.HeldOut;
        var varied = SampleRecognition.Measure(classifier, heldOut.Images);
        Assert.Equal(10, varied.ClassesCovered());
        Assert.True(varied.MeanConfidence > 0.9, varied.ToString());
        var sevens = Enumerable.Range(0, heldOut.Count).Where(i => heldOut.Labels![i] == 7).ToArray();
        var collapsed = Tensor.Concat(sevens.Select(i => heldOut.Images.Slice(0, i, 1)).ToList(), axis: 0);
        Assert.Equal(1, SampleRecognition.Measure(classifier, collapsed).ClassesCovered());
    }
}
