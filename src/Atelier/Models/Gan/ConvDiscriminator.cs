using System.Globalization;
using Atelier.NN;
using Atelier.NN.Layers;

namespace Atelier.Models.Gan;

/// <summary>
/// The DCGAN discriminator family, its layers named by position as an nn.Sequential would name them:
/// K stride-2 Conv2d(4, 2, 1) layers halving the side, batch norm after each but the first (when enabled),
/// LeakyReLU(0.2), Flatten (or, with a pooled head, an average over positions), and a Linear to one logit. For 28x28 grey images and width 64 with batch norm
/// this is exactly MODELS.md's dcgan discriminator (0, 2, 3, 6). Spectral normalisation wraps every
/// convolution and the output layer. Conditioning: one-hot label planes on the input (concat), a projection
/// term embed(y) . h (<c>embed</c>), or an auxiliary class head (<c>aux</c>, ACGAN).
/// </summary>
public sealed class ConvDiscriminator : Module, IConditionalNetwork
{
    private readonly Module[] _features;
    private readonly Module _output;
    private readonly Conditioning _conditioning;
    private readonly int _classes;
    private readonly Embedding? _embed;
    private readonly Module? _aux;

    /// <param name="pooled">Average the last map over positions before the output layer (the head of SNGAN's and BigGAN's
    /// discriminators) instead of flattening it, so that evidence of a class counts wherever the object sits.</param>
    public ConvDiscriminator(ConvLadder ladder, bool batchNorm, bool spectralNorm, Conditioning conditioning, int classes, Generator random, bool pooled = false)
    {
        (_conditioning, _classes) = (conditioning, classes);
        var layers = new List<Module>();
        var input = ladder.Channels + (conditioning == Conditioning.Concat ? classes : 0);
        for (var i = 1; i <= ladder.Stages; i++)
        {
            var normalised = batchNorm && i > 1;
            layers.Add(Wrap(new Conv2d(input, ladder.StageChannels(i), 4, random, stride: 2, padding: 1, bias: !normalised), spectralNorm, random));
            if (normalised) layers.Add(new BatchNorm2d(ladder.StageChannels(i)));
            layers.Add(new LeakyReLU(0.2f));
            input = ladder.StageChannels(i);
        }
        layers.Add(pooled ? new GlobalAveragePool() : new Flatten());
        var features = pooled ? input : ladder.Features;
        _output = Wrap(new Linear(features, 1, random), spectralNorm, random);
        layers.Add(_output);
        for (var i = 0; i < layers.Count; i++) RegisterModule(i.ToString(CultureInfo.InvariantCulture), layers[i]);
        _features = [.. layers.SkipLast(1)];
        if (conditioning == Conditioning.Projection)
        {
            // At Embedding's N(0, 1) the projection term would dwarf the logit (a sum over F features), so it
            // starts at the scale of the output layer's weights.
            _embed = RegisterModule("embed", new Embedding(classes, features, random));
            System.Numerics.Tensors.TensorPrimitives.Multiply(_embed.Weight.Data, 1f / MathF.Sqrt(features), _embed.Weight.Data);
        }
        if (conditioning == Conditioning.AuxiliaryClassifier) _aux = RegisterModule("aux", Wrap(new Linear(features, classes, random), spectralNorm, random));
    }

    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>One logit per image (N, 1).</summary>
    public Tensor Forward(Tensor images, int[]? labels) => Judge(images, labels).Logits;

    /// <summary>The real/fake logits (N, 1) and, for ACGAN, the class logits (N, classes).</summary>
    public (Tensor Logits, Tensor? ClassLogits) Judge(Tensor images, int[]? labels)
    {
        var x = images;
        if (_conditioning == Conditioning.Concat) x = Tensor.Concat([x, LabelPlanes(ConditionalLabels.Require(labels, x.Dim(0), _classes), x)], axis: 1); // (N, C + classes, H, W)
        foreach (var layer in _features) x = layer.Forward(x);                                                                                     // (N, F)
        var logits = _output.Forward(x);                                                                                                         // (N, 1)
        if (_embed is not null) logits = logits + (_embed.Forward(ConditionalLabels.Require(labels, x.Dim(0), _classes)) * x).Sum(1, keepDim: true);
        return (logits, _aux?.Forward(x));
    }

    private Tensor LabelPlanes(int[] labels, Tensor images)
    {
        var (h, w) = (images.Dim(2), images.Dim(3));
        var planes = Tensor.Zeros(labels.Length, _classes, h, w); // (N, classes, H, W), one-hot
        for (var i = 0; i < labels.Length; i++) planes.Data.Slice((i * _classes + labels[i]) * h * w, h * w).Fill(1f);
        return planes;
    }

    private static Module Wrap(Conv2d layer, bool spectralNorm, Generator random) => spectralNorm ? new SpectralNorm(layer, random) : layer;

    private static Module Wrap(Linear layer, bool spectralNorm, Generator random) => spectralNorm ? new SpectralNorm(layer, random) : layer;
}
