using System.Globalization;
using Atelier.Checkpoints;
using Atelier.Data;
using Atelier.Models;
using Atelier.Training;

namespace Atelier.Evaluation;

/// <summary>
/// The feature extractor for a model's data: the bundled digit classifier for 28x28 grey digits; a classifier trained on
/// labelled training images; a feature autoencoder trained on unlabelled ones. Trained extractors come from
/// <see cref="ExtractorCache"/> when present and are trained (seeded, so the same data gives the same weights) and stored
/// there otherwise, or when <c>rebuild</c> asks.
/// </summary>
public static class FeatureExtractors
{
    private const int ClassifierEpochs = 12;
    private const int AutoencoderEpochs = 8;
    private const long Seed = 2024;

    /// <param name="note">Receives one-line notes (training an extractor, a damaged cache file).</param>
    /// <exception cref="DatasetFormatException">The data has too few images to train an extractor on.</exception>
    public static FeatureExtractor For(ModelSpec spec, TrainingData data, bool rebuild = false, Action<string>? note = null)
    {
        if (AreDigits(spec, data) && DataClassifier.BundledFor(spec) is ImageClassifier bundled)
            return new FeatureExtractor(bundled, "the bundled digit classifier", Accuracy(bundled, data));
        if (data.Train.Count < 2) throw new DatasetFormatException(data.Description, "training a feature extractor needs at least 2 training images");
        return data.Train.Labels is not null && data.ClassNames.Count >= 2
            ? Classifier(data, rebuild, note)
            : Autoencoder(data, rebuild, note);
    }

    /// <summary>Whether the bundled digit classifier judges this data: 28x28 grey images labelled 0 to 9, or unlabelled.</summary>
    public static bool AreDigits(ModelSpec spec, TrainingData data) =>
        spec.Channels == 1 && spec.ImageSize == 28
        && (data.ClassNames.Count == 0 || data.ClassNames.SequenceEqual(Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture))));

    private static FeatureExtractor Classifier(TrainingData data, bool rebuild, Action<string>? note)
    {
        var recipe = $"epochs={ClassifierEpochs},seed={Seed}";
        var path = ExtractorCache.PathOf("classifier", ExtractorCache.DataHash(data.Train, "classifier", recipe));
        var (channels, size, classes) = (data.Train.Images.Dim(1), data.Train.Images.Dim(2), data.Train.Labels!.Max() + 1);
        var description = $"a classifier of {data.Train.Count:N0} training images ({classes} classes)";
        if (!rebuild && ExtractorCache.TryRead(path, note) is { } contents && TryLoad(() => ImageClassifier.Load(contents, channels, size, classes, path), path, note) is { } cached)
            return new FeatureExtractor(cached, description, Accuracy(cached, data), fromCache: true);
        note?.Invoke($"training {description} as the feature extractor (once; kept in {ExtractorCache.Directory()})");
        var classifier = ImageClassifier.Train(data.Train, Seed, ClassifierEpochs);
        ExtractorCache.Write(path, classifier.Network, new Dictionary<string, string> { ["description"] = description }, note);
        return new FeatureExtractor(classifier, description, Accuracy(classifier, data));
    }

    private static FeatureExtractor Autoencoder(TrainingData data, bool rebuild, Action<string>? note)
    {
        var recipe = $"epochs={AutoencoderEpochs},seed={Seed}";
        var path = ExtractorCache.PathOf("autoencoder", ExtractorCache.DataHash(data.Train, "autoencoder", recipe));
        var (channels, size) = (data.Train.Images.Dim(1), data.Train.Images.Dim(2));
        var description = $"a feature autoencoder of {data.Train.Count:N0} unlabelled training images";
        if (!rebuild && ExtractorCache.TryRead(path, note) is { } contents && TryLoad(() => FeatureAutoencoder.Load(contents, channels, size, path), path, note) is { } cached)
            return new FeatureExtractor(cached, description, fromCache: true);
        note?.Invoke($"training {description} as the feature extractor (once; kept in {ExtractorCache.Directory()})");
        var autoencoder = FeatureAutoencoder.Train(data.Train.Images, Seed, AutoencoderEpochs);
        ExtractorCache.Write(path, autoencoder.Network, new Dictionary<string, string> { ["description"] = description }, note);
        return new FeatureExtractor(autoencoder, description);
    }

    private static T? TryLoad<T>(Func<T> load, string path, Action<string>? note) where T : class
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            note?.Invoke($"note: the cached feature extractor {path} does not fit ({e.Message}); training it again");
            return null;
        }
    }

    private static double Accuracy(ImageClassifier classifier, TrainingData data) =>
        data.HeldOut.Labels is null || data.HeldOut.Labels.Max() >= classifier.Classes ? double.NaN : classifier.Accuracy(data.HeldOut);
}
