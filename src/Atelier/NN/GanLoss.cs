namespace Atelier.NN;

/// <summary>The adversarial objectives <see cref="GanLosses"/> computes; names as <see cref="GanLosses.Parse"/> reads them.</summary>
public enum GanLoss
{
    /// <summary>"non-saturating" (alias "bce"): binary cross-entropy with logits, the generator maximising log D(G(z)).</summary>
    NonSaturating,

    /// <summary>"lsgan": least squares with targets a = 0 (fake), b = 1 (real), c = 1 (generator).</summary>
    LeastSquares,

    /// <summary>"hinge": relu(1 - r) + relu(1 + f) for the discriminator, -f for the generator.</summary>
    Hinge,

    /// <summary>"wgan-gp" (alias "wasserstein"): the critic's mean score difference; add <see cref="GanLosses.GradientPenalty"/>.</summary>
    Wasserstein,
}
