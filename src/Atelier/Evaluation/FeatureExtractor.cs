namespace Atelier.Evaluation;

/// <summary>
/// The network whose features FID, KID, precision/recall and the memorisation check measure in: a classifier of the data
/// (which also counts classes) or, for unlabelled images, a feature autoencoder. <see cref="Hash"/> names its weights:
/// figures are comparable exactly when they were measured with extractors of equal hash.
/// </summary>
public sealed class FeatureExtractor
{
    private readonly FeatureAutoencoder? _autoencoder;

    public FeatureExtractor(ImageClassifier classifier, string description, double accuracy = double.NaN, bool fromCache = false)
    {
        (Classifier, Description, Accuracy, FromCache, Hash) = (classifier, description, accuracy, fromCache, classifier.Hash);
    }

    public FeatureExtractor(FeatureAutoencoder autoencoder, string description, bool fromCache = false)
    {
        (_autoencoder, Description, Accuracy, FromCache, Hash) = (autoencoder, description, double.NaN, fromCache, ConvFeatureStack.Hash(autoencoder.Network));
    }

    /// <summary>The classifier, when the extractor is one (it also judges classes); null for an autoencoder.</summary>
    public ImageClassifier? Classifier { get; }

    public string Kind => Classifier is null ? "autoencoder" : "classifier";

    public string Description { get; }

    public string Hash { get; }

    /// <summary>A classifier's accuracy on held-out images, when known.</summary>
    public double Accuracy { get; }

    /// <summary>Whether the weights were read from the extractor cache rather than trained now.</summary>
    public bool FromCache { get; }

    public int Dimension => ConvFeatureStack.Dimension;

    /// <summary>Features (N, 64) of images (N, C, S, S) in [0, 1].</summary>
    public Tensor Features(Tensor images) => Classifier?.Features(images) ?? _autoencoder!.Features(images);

    public override string ToString() => $"{Description}, hash {Hash}";
}
