using Atelier.Models.Vae;

namespace Atelier.Training;

/// <summary>Held-out likelihood figures of a VAE, in nats per image, on pixels in [0, 1].</summary>
public static class VaeEvaluation
{
    public sealed record Figures(double NegativeElbo, double Reconstruction, double Kl);

    /// <summary>The negative ELBO (one posterior sample per image) split into reconstruction and KL.</summary>
    public static Figures HeldOut(VaeModel model, Tensor images, Generator random, int[]? labels = null, int chunk = 500)
    {
        using var noGrad = Autograd.NoGrad();
        double reconstruction = 0, kl = 0;
        var n = images.Dim(0);
        for (var start = 0; start < n; start += chunk)
        {
            var size = Math.Min(chunk, n - start);
            var (_, chunkReconstruction, chunkKl) = model.NegativeElbo(images.Slice(0, start, size), random, labels?[start..(start + size)]); // per image
            reconstruction += (double)chunkReconstruction * size;
            kl += (double)chunkKl * size;
        }
        return new Figures((reconstruction + kl) / n, reconstruction / n, kl / n);
    }

    /// <summary>
    /// The importance-weighted estimate of -log p(x) with k samples from q(z|x) (Burda et al.):
    /// -log (1/k) sum_i p(x|z_i) p(z_i) / q(z_i|x), averaged over images. It is never above the negative ELBO
    /// in expectation and approaches -log p(x) as k grows. A conditional VAE is scored given each image's label.
    /// </summary>
    public static double ImportanceWeightedNll(VaeModel model, Tensor images, Generator random, int k = 100, int[]? labels = null)
    {
        if (k < 1) throw new ArgumentException($"the importance-weighted estimate needs k ≥ 1 samples per image, got {k}");
        labels = model.Classes > 0 ? Models.ConditionalLabels.Require(labels, images.Dim(0), model.Classes) : null;
        using var noGrad = Autograd.NoGrad();
        var n = images.Dim(0);
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            using var scope = TensorScope.Begin();
            var x = images.Slice(0, i, 1);                                   // (1, C, H, W)
            int[]? label = labels is null ? null : [labels[i]];
            var (mu, logVar) = model.Network.Encode(x, label);               // (1, Z)
            var eps = Tensor.Normal([k, mu.Dim(1)], random);                 // (k, Z)
            var std = (logVar * 0.5f).Exp();
            var z = mu + eps * std;                                          // (k, Z)
            var outputs = model.Network.Decode(z, label is null ? null : Enumerable.Repeat(label[0], k).ToArray()); // (k, C x outputs, H, W)
            var logPxz = new float[k];
            for (var j = 0; j < k; j++) logPxz[j] = -model.ReconstructionNll(outputs.Slice(0, j, 1), x).Item();
            var logPz = (z * z).Sum(1) * -0.5f;                                                          // (k), constants cancel with q
            var logQz = ((eps * eps) * -0.5f).Sum(1) - logVar.Sum(1).BroadcastTo([k]) * 0.5f;           // (k)
            var logW = (Tensor.FromArray(logPxz, k) + logPz - logQz).ToArray();
            var max = logW.Max();
            var logMeanExp = max + Math.Log(logW.Select(w => Math.Exp(w - max)).Average());
            total += -logMeanExp;
        }
        return total / n;
    }
}
