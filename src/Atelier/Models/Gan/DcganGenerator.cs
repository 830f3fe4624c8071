using Atelier.NN;
using Atelier.NN.Layers;

namespace Atelier.Models.Gan;

/// <summary>
/// The DCGAN generator of MODELS.md: fc Linear(100, 6272, no bias), bn0, ReLU, view (N, 128, 7, 7);
/// up1 ConvTranspose2d(128, 64, 4, 2, 1, no bias), bn1, ReLU; up2 ConvTranspose2d(64, 1, 4, 2, 1), tanh.
/// </summary>
public sealed class DcganGenerator : Module
{
    public const int LatentDim = 100;

    private readonly Linear _fc;
    private readonly BatchNorm1d _bn0;
    private readonly ConvTranspose2d _up1;
    private readonly BatchNorm2d _bn1;
    private readonly ConvTranspose2d _up2;

    public DcganGenerator(Generator random)
    {
        _fc = RegisterModule("fc", new Linear(LatentDim, 128 * 7 * 7, random, bias: false));
        _bn0 = RegisterModule("bn0", new BatchNorm1d(128 * 7 * 7));
        _up1 = RegisterModule("up1", new ConvTranspose2d(128, 64, 4, random, stride: 2, padding: 1, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(64));
        _up2 = RegisterModule("up2", new ConvTranspose2d(64, 1, 4, random, stride: 2, padding: 1));
    }

    public override Tensor Forward(Tensor input)
    {
        var x = _bn0.Forward(_fc.Forward(input)).Relu().Reshape(-1, 128, 7, 7); // (N, 128, 7, 7)
        x = _bn1.Forward(_up1.Forward(x)).Relu();                                // (N, 64, 14, 14)
        return _up2.Forward(x).Tanh();                                           // (N, 1, 28, 28)
    }
}
