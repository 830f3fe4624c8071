using Atelier.Data;
using Atelier.Data.Procedural;
using Atelier.Evaluation;
using Atelier.NN.Layers;

namespace Atelier.Tests.Evaluation;

/// <summary>The classifier that judges non-digit samples: it must recognise a shape wherever it sits and whatever its colours.</summary>
public sealed class ImageClassifierTests
{
    [Fact]
    public void The_classifier_recognises_held_out_shapes()
    {
        var all = Shapes.Generate(2300, 16, seed: 5);
        var train = new LabelledImages(all.Images.Slice(0, 0, 2000).Copy(), all.Labels![..2000]);
        var heldOut = new LabelledImages(all.Images.Slice(0, 2000, 300).Copy(), all.Labels![2000..]);
        var classifier = ImageClassifier.Train(train, seed: 2024, epochs: 25);
        var accuracy = classifier.Accuracy(heldOut);
        Assert.True(accuracy >= 0.9, $"held-out accuracy {accuracy:P1}");
        Assert.Equal([300, 64], classifier.Features(heldOut.Images).Shape.ToArray());
    }

    [Fact]
    public void Global_average_pooling_averages_each_channel_and_spreads_the_gradient_evenly()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 6f, -1f, -1f, -1f, 3f], 1, 2, 2, 2);
        x.RequiresGrad = true;
        var pooled = new GlobalAveragePool().Forward(x);
        Assert.Equal([1, 2], pooled.Shape.ToArray());
        Assert.Equal([3f, 0f], pooled.ToArray());
        (pooled * Tensor.FromArray([4f, 8f], 1, 2)).Sum().Backward();
        Assert.Equal([1f, 1f, 1f, 1f, 2f, 2f, 2f, 2f], x.Grad!.ToArray());
    }
}
