using Atelier.Data;
using Atelier.Evaluation;
using Atelier.Imaging;

namespace Atelier.Tests.Evaluation;

public sealed class MemorisationTests
{
    [Fact]
    public void A_training_image_planted_among_the_samples_is_flagged_as_a_near_copy()
    {
        var classifier = ImageClassifier.BundledDigits();
        var training = Mnist.Train.Images.Slice(0, 0, 3000).Copy();   // (3000, 1, 28, 28)
        var honest = Mnist.HeldOut.Images.Slice(0, 0, 200).Copy();    // real digits the training set does not hold

        var clean = Memorisation.Check(honest, classifier.Features(honest), training, classifier.Features(training));
        Assert.Equal(0, clean.NearCopies);
        Assert.InRange(clean.MedianPixelRatio, 0.8, 2.0); // held-out digits sit about as far from training digits as those from each other

        // Plant training image 17 as it is and training image 42 with noise (sd 0.03 per pixel) among the samples.
        var noisy = training.Slice(0, 42, 1).Copy() + Tensor.Normal([1, 1, 28, 28], new Generator(5)) * 0.03f;
        var samples = Tensor.Concat([honest.Slice(0, 0, 100), training.Slice(0, 17, 1), honest.Slice(0, 100, 100), noisy.Clamp(0f, 1f)], axis: 0);
        var check = Memorisation.Check(samples, classifier.Features(samples), training, classifier.Features(training));

        Assert.Equal(2, check.NearCopies);
        Assert.Equal((100, 17, true), (check.Pairs[0].Sample, check.Pairs[0].PixelNeighbour, check.Pairs[0].NearCopy));
        Assert.Equal(0, check.Pairs[0].PixelDistance, 1e-3);
        Assert.Equal((201, 42, true), (check.Pairs[1].Sample, check.Pairs[1].PixelNeighbour, check.Pairs[1].NearCopy));
        Assert.Equal(17, check.Pairs[0].FeatureNeighbour);
        Assert.False(check.Pairs[2].NearCopy);
    }

    [Fact]
    public void The_closest_pairs_picture_has_a_row_per_pair_and_the_sample_first()
    {
        var training = Mnist.Train.Images.Slice(0, 0, 50).Copy();
        var samples = Tensor.Concat([Mnist.HeldOut.Images.Slice(0, 0, 5), training.Slice(0, 7, 1)], axis: 0); // (6, 1, 28, 28)
        var check = Memorisation.Check(samples, samples.Reshape(6, -1), training, training.Reshape(50, -1));
        var path = Path.Combine(Path.GetTempPath(), $"atelier-pairs-{Environment.ProcessId}.png");
        try
        {
            check.SaveClosestPairs(path, samples, training, count: 4);
            var image = PngDecoder.Decode(path);
            Assert.Equal((3 * 28 + 4 * 2, 4 * 28 + 5 * 2), (image.Width, image.Height));
            // The first row shows the planted copy twice: sample 5 and training image 7 have the same pixels.
            for (var y = 0; y < 28; y++)
                for (var x = 0; x < 28; x++)
                    Assert.Equal(image.Pixels[(2 + y) * image.Width + 2 + x], image.Pixels[(2 + y) * image.Width + 2 + 30 + x]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
