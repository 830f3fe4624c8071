using Atelier.NN;
using Atelier.NN.Layers;

namespace Atelier.Models.Gan;

/// <summary>
/// The DCGAN generator family: fc Linear(z [+ label embedding], C_top x S x S, no bias), bn0, ReLU, view
/// (N, C_top, S, S); then up1 .. upK ConvTranspose2d(4, 2, 1) doubling the side, each but the last followed
/// by batch norm (bn1 ..) and ReLU; the last makes the image's channels and ends in tanh. For 28x28 grey
/// images and width 64 this is exactly MODELS.md's dcgan generator (fc, bn0, up1, bn1, up2).
/// With nearest upsampling each upK is instead a Conv2d(3, 1, 1) after a nearest-neighbour doubling, which
/// avoids the checkerboard texture of transposed convolutions.
/// A conditional generator embeds the class label (<c>embed</c>) and concatenates it to z.
/// </summary>
public sealed class ConvGenerator : Module, IConditionalNetwork
{
    public const int LabelEmbedding = 32;

    private readonly ConvLadder _ladder;
    private readonly Embedding? _embed;
    private readonly Linear _fc;
    private readonly BatchNorm1d _bn0;
    private readonly Module[] _up;
    private readonly bool _nearest;
    private readonly BatchNorm2d[] _bn;

    public ConvGenerator(ConvLadder ladder, int latentDim, int classes, Generator random, bool nearestUpsampling = false)
    {
        _ladder = ladder;
        var top = ladder.StageChannels(ladder.Stages);
        if (classes > 0) _embed = RegisterModule("embed", new Embedding(classes, LabelEmbedding, random));
        _fc = RegisterModule("fc", new Linear(latentDim + (classes > 0 ? LabelEmbedding : 0), ladder.Features, random, bias: false));
        _bn0 = RegisterModule("bn0", new BatchNorm1d(ladder.Features));
        _nearest = nearestUpsampling;
        _up = new Module[ladder.Stages];
        _bn = new BatchNorm2d[ladder.Stages - 1];
        for (var i = 1; i <= ladder.Stages; i++)
        {
            var last = i == ladder.Stages;
            var output = last ? ladder.Channels : ladder.StageChannels(ladder.Stages - i);
            var input = ladder.StageChannels(ladder.Stages - i + 1);
            _up[i - 1] = RegisterModule<Module>($"up{i}", nearestUpsampling
                ? new Conv2d(input, output, 3, random, padding: 1, bias: last)
                : new ConvTranspose2d(input, output, 4, random, stride: 2, padding: 1, bias: last));
            if (!last) _bn[i - 1] = RegisterModule($"bn{i}", new BatchNorm2d(output));
        }
    }

    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>Images (N, C, H, W) in [-1, 1] from latents (N, Z) and, for a conditional generator, N class labels.</summary>
    public Tensor Forward(Tensor latents, int[]? labels)
    {
        var input = _embed is null ? latents : Tensor.Concat([latents, _embed.Forward(ConditionalLabels.Require(labels, latents.Dim(0), _embed.Classes))], axis: 1); // (N, Z + E)
        var s = _ladder.Start;
        var x = _bn0.Forward(_fc.Forward(input)).Relu().Reshape(-1, _ladder.StageChannels(_ladder.Stages), s, s); // (N, C_top, S, S)
        for (var i = 0; i < _bn.Length; i++) x = _bn[i].Forward(Up(i, x)).Relu(); // side doubles each time
        return Up(_up.Length - 1, x).Tanh();                                      // (N, C, H, W)
    }

    private Tensor Up(int i, Tensor x) => _up[i].Forward(_nearest ? x.UpsampleNearest(2) : x);
}
