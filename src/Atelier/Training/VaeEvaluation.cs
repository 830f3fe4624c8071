using Atelier.Models.Vae;

namespace Atelier.Training;

/// <summary>Held-out likelihood figures of a Bernoulli VAE, in nats per image, on pixels in [0, 1].</summary>
public static class VaeEvaluation
{
    public sealed record Figures(double NegativeElbo, double Reconstruction, double Kl);

    /// <summary>The negative ELBO (one posterior sample per image) split into reconstruction and KL.</summary>
    public static Figures HeldOut(VaeModel model, Tensor images, Generator random, int chunk = 500)
    {
        using var noGrad = Autograd.NoGrad();
        double reconstruction = 0, kl = 0;
        var n = images.Dim(0);
        for (var start = 0; start < n; start += chunk)
        {
            var size = Math.Min(chunk, n - start);
            var (_, chunkReconstruction, chunkKl) = model.NegativeElbo(images.Slice(0, start, size), random); // per image
            reconstruction += (double)chunkReconstruction * size;
            kl += (double)chunkKl * size;
        }
        return new Figures((reconstruction + kl) / n, reconstruction / n, kl / n);
    }

    /// <summary>
    /// The importance-weighted estimate of -log p(x) with k samples from q(z|x) (Burda et al.):
    /// -log (1/k) sum_i p(x|z_i) p(z_i) / q(z_i|x), averaged over images. It is never above the negative ELBO
    /// in expectation and approaches -log p(x) as k grows.
    /// </summary>
    public static double ImportanceWeightedNll(VaeModel model, Tensor images, Generator random, int k = 100)
    {
        using var noGrad = Autograd.NoGrad();
        var n = images.Dim(0);
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            var x = images.Slice(0, i, 1);                                   // (1, C, H, W)
            var (mu, logVar) = model.Network.Encode(x);                      // (1, Z)
            var eps = Tensor.Normal([k, mu.Dim(1)], random);                 // (k, Z)
            var std = (logVar * 0.5f).Exp();
            var z = mu + eps * std;                                          // (k, Z)
            var logits = model.Network.Decode(z);                            // (k, C, H, W)
            var targets = x.BroadcastTo(logits.Shape);
            var logPxz = -Tensor.BinaryCrossEntropyWithLogits(logits, targets).Flatten().Sum(1);        // (k)
            var logPz = (z * z).Sum(1) * -0.5f;                                                          // (k), constants cancel with q
            var logQz = ((eps * eps) * -0.5f).Sum(1) - logVar.Sum(1).BroadcastTo([k]) * 0.5f;           // (k)
            var logW = (logPxz + logPz - logQz).ToArray();
            var max = logW.Max();
            var logMeanExp = max + Math.Log(logW.Select(w => Math.Exp(w - max)).Average());
            total += -logMeanExp;
        }
        return total / n;
    }
}
