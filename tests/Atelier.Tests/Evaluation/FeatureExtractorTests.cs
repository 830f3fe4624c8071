using Atelier.Data;
using Atelier.Evaluation;
using Atelier.Models;
using Atelier.Training;

namespace Atelier.Tests.Evaluation;

/// <summary>
/// Feature extractors are trained once per dataset and found again by content hash (in the tests' temporary cache, see
/// TestImageCache; each test uses its own shapes so that no other test's extractor is found).
/// </summary>
public sealed class FeatureExtractorTests
{
    private static readonly ModelSpec Grey16 = ModelCatalog.Spec("dcgan", new ModelOptions { Channels = 1, ImageSize = 16, Width = 8 });

    /// <summary>417 training and 83 held-out grey 16x16 shapes, labelled or not.</summary>
    private static TrainingData Shapes(bool labelled, int seed, int count = 500)
    {
        var data = TrainingData.Load($"shapes:count={count},seed={seed}", Grey16);
        return labelled ? data : new TrainingData(new LabelledImages(data.Train.Images, null), new LabelledImages(data.HeldOut.Images, null), data.Description);
    }

    [Fact]
    public void A_labelled_dataset_gets_a_classifier_trained_once_and_then_read_from_the_cache()
    {
        var data = Shapes(labelled: true, seed: 31);
        var notes = new List<string>();
        var before = CachedFiles();
        var first = FeatureExtractors.For(Grey16, data, note: notes.Add);
        Assert.Equal(("classifier", false), (first.Kind, first.FromCache));
        Assert.Contains(notes, n => n.StartsWith($"training a classifier of {data.Train.Count} training images (5 classes)", StringComparison.Ordinal));
        Assert.StartsWith("classifier-", Path.GetFileName(Assert.Single(CachedFiles().Except(before))));

        var second = FeatureExtractors.For(Grey16, data);
        Assert.Equal((true, first.Hash), (second.FromCache, second.Hash));
        Assert.Equal(first.Features(data.HeldOut.Images).ToArray(), second.Features(data.HeldOut.Images).ToArray());

        var rebuilt = FeatureExtractors.For(Grey16, data, rebuild: true);
        Assert.False(rebuilt.FromCache);
        Assert.Equal(first.Hash, rebuilt.Hash); // seeded training: the same data gives the same weights
    }

    [Fact]
    public void The_cache_key_follows_the_content_and_a_damaged_file_is_rebuilt_with_a_note()
    {
        var data = Shapes(labelled: true, seed: 32);
        var key = ExtractorCache.DataHash(data.Train, "classifier", "r");
        var changed = data.Train.Images.Copy();
        changed.Data[123] += 0.5f;
        Assert.NotEqual(key, ExtractorCache.DataHash(new LabelledImages(changed, data.Train.Labels), "classifier", "r"));
        Assert.Equal(key, ExtractorCache.DataHash(new LabelledImages(data.Train.Images.Copy(), data.Train.Labels), "classifier", "r"));

        var before = CachedFiles();
        var first = FeatureExtractors.For(Grey16, data);
        var file = Assert.Single(CachedFiles().Except(before));
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..200]);
        var notes = new List<string>();
        var again = FeatureExtractors.For(Grey16, data, note: notes.Add);
        Assert.False(again.FromCache);
        Assert.Equal(first.Hash, again.Hash);
        Assert.Contains(notes, n => n.StartsWith($"note: the cached feature extractor {file} cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public void Digits_are_judged_by_the_bundled_classifier_without_training()
    {
        var extractor = FeatureExtractors.For(ModelCatalog.Spec("dcgan"), TrainingData.Load("mnist", ModelCatalog.Spec("dcgan")));
        Assert.Equal(ImageClassifier.BundledDigits().Hash, extractor.Hash);
        Assert.InRange(extractor.Accuracy, 0.98, 1.0);
        Assert.False(extractor.FromCache);
    }

    [Fact]
    public void Unlabelled_images_get_an_autoencoder_whose_features_tell_real_images_from_wrong_ones()
    {
        var data = Shapes(labelled: false, seed: 33, count: 1200);
        var extractor = FeatureExtractors.For(Grey16, data);
        Assert.Equal(("autoencoder", null), (extractor.Kind, extractor.Classifier));

        double Fid(Tensor a, Tensor b)
        {
            var (fa, fb) = (extractor.Features(a), extractor.Features(b));
            return FrechetDistance.Between(FrechetDistance.Statistics(fa.Data, fa.Dim(0), 64), FrechetDistance.Statistics(fb.Data, fb.Dim(0), 64));
        }
        var other = TrainingData.Load("shapes:count=500,seed=9", Grey16).Train.Images.Slice(0, 0, 400).Copy(); // more real shapes, never trained on
        var real = data.HeldOut.Images;
        var realToReal = Fid(real, other);
        var noise = Fid(real, Tensor.Uniform([400, 1, 16, 16], new Generator(1)));
        var blocky = Fid(real, Blocky(other));
        var flat = Fid(real, Tensor.Full(0.5f, 400, 1, 16, 16) + Tensor.Normal([400, 1, 16, 16], new Generator(2)) * 0.05f);
        // An MSE autoencoder's codes weigh tones and layout more than edges, so blurring costs less than noise does.
        Assert.True(noise > 5 * realToReal && blocky > 2 * realToReal && flat > 5 * realToReal,
            $"FID real vs real {realToReal:0.000}, vs noise {noise:0.000}, vs 4x4-block averages {blocky:0.000}, vs flat grey {flat:0.000}");

        // The codes carry the shape class, though tones and layout weigh more (no labels ever told the network what
        // matters): a held-out shape's nearest training code has its class well above chance (41% measured, chance 20%).
        var labelled = Shapes(labelled: true, seed: 33, count: 1200);
        var (nearest, _) = NearestNeighbours.Nearest(extractor.Features(labelled.HeldOut.Images), extractor.Features(labelled.Train.Images));
        var correct = Enumerable.Range(0, labelled.HeldOut.Count).Count(i => labelled.Train.Labels![nearest[i]] == labelled.HeldOut.Labels![i]);
        Assert.True(correct > 0.3 * labelled.HeldOut.Count, $"1-NN on the codes: {correct} of {labelled.HeldOut.Count} (chance 20%)");
    }

    private static string[] CachedFiles() => Directory.Exists(ExtractorCache.Directory()) ? Directory.GetFiles(ExtractorCache.Directory()) : [];

    /// <summary>Each 4x4 block of every image replaced by its mean: the same layout and tones without shapes' edges.</summary>
    private static Tensor Blocky(Tensor images)
    {
        var result = images.Copy();
        var d = result.Data;
        for (var plane = 0; plane < images.Dim(0) * images.Dim(1); plane++)
            for (var by = 0; by < 16; by += 4)
                for (var bx = 0; bx < 16; bx += 4)
                {
                    float sum = 0;
                    for (var y = 0; y < 4; y++)
                        for (var x = 0; x < 4; x++) sum += d[plane * 256 + (by + y) * 16 + bx + x];
                    for (var y = 0; y < 4; y++)
                        for (var x = 0; x < 4; x++) d[plane * 256 + (by + y) * 16 + bx + x] = sum / 16;
                }
        return result;
    }
}
