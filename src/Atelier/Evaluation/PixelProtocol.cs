namespace Atelier.Evaluation;

/// <summary>How held-out pixels are presented to a VAE's likelihood: likelihood figures are comparable only under the same protocol.</summary>
public enum PixelProtocol
{
    /// <summary>The images as they are: grey levels or colours in [0, 1].</summary>
    Continuous,

    /// <summary>Each pixel drawn once as 0 or 1 with probability equal to its grey level (a fixed seed): the binarised-MNIST protocol.</summary>
    Binarised,
}
