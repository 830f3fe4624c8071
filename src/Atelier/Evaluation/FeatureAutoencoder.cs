using Atelier.Checkpoints;
using Atelier.Data;
using Atelier.NN;
using Atelier.NN.Layers;
using Atelier.NN.Optim;

namespace Atelier.Evaluation;

/// <summary>
/// A feature network for images without labels: the classifier's convolutional trunk (<see cref="ConvFeatureStack"/>) as
/// encoder to a 64-d pooled code, and an MLP decoder from the code back to the pixels, trained to reconstruct the dataset
/// (mean squared error). Its codes must hold what tells the dataset's images apart (shape, colour, layout), which makes
/// them a feature space for FID and KID where no classifier can be trained.
/// </summary>
public sealed class FeatureAutoencoder
{
    private FeatureAutoencoder(Sequential encoder, Sequential decoder, int channels, int size)
    {
        (Encoder, Decoder, Channels, Size) = (encoder, decoder, channels, size);
        Network = new Sequential(encoder, decoder);
    }

    public Sequential Encoder { get; }

    public Sequential Decoder { get; }

    /// <summary>Encoder and decoder in one module, for checkpoints (<c>0.</c> the encoder, <c>1.</c> the decoder).</summary>
    public Sequential Network { get; }

    public int Channels { get; }

    public int Size { get; }

    public static FeatureAutoencoder CreateUntrained(int channels, int size, Generator random)
    {
        var encoder = new Sequential(ConvFeatureStack.Layers(channels, size, random)); // (N, 64)
        var decoder = new Sequential(new Linear(ConvFeatureStack.Dimension, 256, random), new ReLU(), new Linear(256, channels * size * size, random)); // (N, C x S x S) logits
        return new FeatureAutoencoder(encoder, decoder, channels, size);
    }

    /// <summary>Trains with Adam (cosine-decayed from 2e-3) on batches of 64 in a seeded order.</summary>
    public static FeatureAutoencoder Train(Tensor images, long seed = 2024, int epochs = 8)
    {
        if (images.Dim(0) < 2) throw new ArgumentException($"a feature autoencoder trains on at least 2 images, got {images.Dim(0)}");
        var random = new Generator(seed);
        var autoencoder = CreateUntrained(images.Dim(1), images.Dim(2), random);
        ConvFeatureStack.Train(autoencoder.Network, new LabelledImages(images, null), random, epochs, batch =>
        {
            var reconstruction = autoencoder.Decoder.Forward(autoencoder.Encoder.Forward(batch.Images)).Sigmoid(); // (B, C x S x S)
            return Losses.MeanSquaredError(reconstruction, batch.Images.Reshape(batch.Images.Dim(0), -1));
        });
        return autoencoder;
    }

    public static FeatureAutoencoder Load(SafetensorsContents contents, int channels, int size, string source)
    {
        var autoencoder = CreateUntrained(channels, size, new Generator(0));
        Checkpoint.LoadInto(contents, autoencoder.Network, "", source);
        autoencoder.Network.Eval();
        return autoencoder;
    }

    /// <summary>The pooled codes (N, 64) of images (N, C, S, S) in [0, 1].</summary>
    public Tensor Features(Tensor images) => ConvFeatureStack.InChunks(images, Channels, Size, "feature autoencoder", Encoder.Forward);
}
