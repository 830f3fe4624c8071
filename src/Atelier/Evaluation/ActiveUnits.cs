using Atelier.Models.Vae;

namespace Atelier.Evaluation;

/// <summary>
/// Which latent dimensions a VAE uses (Burda et al. 2016): unit u is active when its posterior mean moves with the
/// input, Var over images of E_q[z_u | x] above <see cref="Threshold"/>. A unit the encoder ignores keeps the prior and
/// carries no information; all units inactive is posterior collapse.
/// </summary>
public sealed record ActiveUnits(int Count, double[] Variances)
{
    public const double Threshold = 0.01;

    public int LatentDim => Variances.Length;

    /// <param name="images">Held-out images (N ≥ 2, C, H, W) in [0, 1].</param>
    /// <param name="labels">Their labels, for a conditional VAE.</param>
    public static ActiveUnits Measure(VaeModel model, Tensor images, int[]? labels = null)
    {
        if (images.Dim(0) < 2) throw new ArgumentException($"active units need the posterior means of at least 2 images, got {images.Dim(0)}");
        var means = model.EncodeMean(images, labels).ToArray(); // (N, Z)
        return FromPosteriorMeans(means, images.Dim(0), model.Spec.LatentDim);
    }

    /// <summary>From posterior means, row-major (count, latentDim): the unbiased variance of each column.</summary>
    public static ActiveUnits FromPosteriorMeans(ReadOnlySpan<float> means, int count, int latentDim)
    {
        var variances = new double[latentDim];
        for (var u = 0; u < latentDim; u++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < count; i++) sum += means[i * latentDim + u];
            var mean = sum / count;
            for (var i = 0; i < count; i++) squares += (means[i * latentDim + u] - mean) * (means[i * latentDim + u] - mean);
            variances[u] = squares / (count - 1);
        }
        return new ActiveUnits(variances.Count(v => v > Threshold), variances);
    }
}
