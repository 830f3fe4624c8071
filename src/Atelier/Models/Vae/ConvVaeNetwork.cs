using Atelier.NN.Layers;

namespace Atelier.Models.Vae;

/// <summary>
/// The convolutional VAE family: c1 .. cK Conv2d(4, 2, 1) halving the side, each with ReLU; flatten; mu and
/// logvar Linear(F [+ classes], Z); fc Linear(Z [+ classes], F) ReLU viewed (N, C_top, S, S); d1 .. dK
/// ConvTranspose2d(4, 2, 1) doubling the side, ReLU between, the last making C x (outputs per channel) maps.
/// A conditional VAE concatenates the one-hot label to the encoder's features and to z. For 28x28 grey
/// images, width 32 and Z = 16 this is exactly MODELS.md's conv-vae (c1, c2, mu, logvar, fc, d1, d2).
/// </summary>
public sealed class ConvVaeNetwork : VaeNetwork
{
    private readonly ConvLadder _ladder;
    private readonly int _classes;
    private readonly Conv2d[] _encoder;
    private readonly Linear _mu, _logVar, _fc;
    private readonly ConvTranspose2d[] _decoder;

    public ConvVaeNetwork(ConvLadder ladder, int latentDim, int classes, int outputsPerChannel, Generator random)
    {
        (_ladder, _classes) = (ladder, classes);
        _encoder = new Conv2d[ladder.Stages];
        for (var i = 1; i <= ladder.Stages; i++)
            _encoder[i - 1] = RegisterModule($"c{i}", new Conv2d(i == 1 ? ladder.Channels : ladder.StageChannels(i - 1), ladder.StageChannels(i), 4, random, stride: 2, padding: 1));
        _mu = RegisterModule("mu", new Linear(ladder.Features + classes, latentDim, random));
        _logVar = RegisterModule("logvar", new Linear(ladder.Features + classes, latentDim, random));
        _fc = RegisterModule("fc", new Linear(latentDim + classes, ladder.Features, random));
        _decoder = new ConvTranspose2d[ladder.Stages];
        for (var i = 1; i <= ladder.Stages; i++)
        {
            var output = i == ladder.Stages ? ladder.Channels * outputsPerChannel : ladder.StageChannels(ladder.Stages - i);
            _decoder[i - 1] = RegisterModule($"d{i}", new ConvTranspose2d(ladder.StageChannels(ladder.Stages - i + 1), output, 4, random, stride: 2, padding: 1));
        }
    }

    public override (Tensor Mu, Tensor LogVar) Encode(Tensor images, int[]? labels = null)
    {
        var h = images;
        foreach (var conv in _encoder) h = conv.Forward(h).Relu();  // side halves each time
        h = WithLabels(h.Flatten(), labels);                         // (N, F [+ classes])
        return (_mu.Forward(h), _logVar.Forward(h));
    }

    public override Tensor Decode(Tensor latents, int[]? labels = null)
    {
        var s = _ladder.Start;
        var h = _fc.Forward(WithLabels(latents, labels)).Relu().Reshape(-1, _ladder.StageChannels(_ladder.Stages), s, s); // (N, C_top, S, S)
        for (var i = 0; i < _decoder.Length - 1; i++) h = _decoder[i].Forward(h).Relu();                                  // side doubles each time
        return _decoder[^1].Forward(h);                                                                                   // (N, C x outputs, H, W)
    }

    private Tensor WithLabels(Tensor x, int[]? labels) =>
        _classes == 0 ? x : Tensor.Concat([x, ConditionalLabels.OneHot(ConditionalLabels.Require(labels, x.Dim(0), _classes), _classes)], axis: 1);
}
