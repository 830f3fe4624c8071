using Atelier.Evaluation;
using Atelier.Models;
using Atelier.NN.Optim;

namespace Atelier.Creation;

/// <summary>
/// The latent of a real image for a model without an encoder (a GAN), found by gradient descent on the latent:
/// the image the model makes from it should match the target in pixels and, when a feature network is given,
/// in that network's features (which reward the right shapes where pixels alone reward blur). The model's weights stay as they are.
/// </summary>
public sealed record GanProjection(float[] Latent, IReadOnlyList<float> Losses)
{
    /// <param name="target">The image (1, C, H, W) in [0, 1].</param>
    /// <param name="label">The class to draw it as (conditional models).</param>
    /// <param name="features">A classifier of the model's images whose features are compared too, or null for pixels alone.</param>
    /// <param name="progress">Called after each step with the step (from 1) and its loss.</param>
    public static GanProjection Find(GenerativeModel model, Tensor target, int? label, ImageClassifier? features, ProjectionSettings settings, Action<int, float>? progress = null)
    {
        if (settings.Steps < 1) throw new ArgumentException($"a projection needs at least 1 step, got {settings.Steps}");
        int[]? labels = label is int c ? [c] : null;
        var dim = model.Spec.LatentDim;
        var latent = Tensor.FromArray(BestStart(model, target, labels, settings), 1, dim); // (1, Z)
        latent.RequiresGrad = true;
        var optimizer = new Adam([latent], settings.LearningRate);
        var losses = new List<float>();
        var frozenFeatures = features?.Network.Parameters().ToList() ?? [];
        foreach (var p in frozenFeatures) p.RequiresGrad = false;
        try
        {
            using var frozen = model.FreezeWeights();
            Tensor? targetFeatures = null;
            float featureScale = 1f;
            if (features is not null)
            {
                targetFeatures = features.Features(target); // (1, F)
                featureScale = 1f / Math.Max(1e-6f, targetFeatures.Data.ToArray().Average(v => v * v));
            }
            for (var step = 1; step <= settings.Steps; step++)
            {
                optimizer.ZeroGrad();
                using var scope = TensorScope.Begin();
                var loss = Loss(model.Render(latent, labels), latent, target, features, targetFeatures, featureScale, settings);
                loss.Backward();
                optimizer.Step();
                losses.Add(loss.Item());
                progress?.Invoke(step, losses[^1]);
            }
        }
        finally
        {
            foreach (var p in frozenFeatures) p.RequiresGrad = true;
        }
        return new GanProjection(latent.Data.ToArray(), losses);
    }

    private static Tensor Loss(Tensor image, Tensor latent, Tensor target, ImageClassifier? features, Tensor? targetFeatures, float featureScale, ProjectionSettings settings)
    {
        var difference = image - target;
        var loss = (difference * difference).Mean();                                  // pixel MSE
        if (features is not null)
        {
            var gap = features.FeaturesWithGradients(image) - targetFeatures!;         // (1, F)
            loss = loss + (gap * gap).Mean() * (featureScale * settings.FeatureWeight);
        }
        var radius = (latent * latent).Mean() - 1f;                                    // |z|² / D − 1
        return loss + radius * radius * settings.NoiseWeight;
    }

    /// <summary>The seed latent (seeds Seed .. Seed + Starts − 1) whose image is closest to the target in pixels: a start in the right basin.</summary>
    private static float[] BestStart(GenerativeModel model, Tensor target, int[]? labels, ProjectionSettings settings)
    {
        var starts = Enumerable.Range(0, Math.Max(1, settings.Starts)).Select(i => Latents.FromSeed(settings.Seed + i, model.Spec.LatentDim)).ToList();
        var images = model.Generate(Tensor.FromArray([.. starts.SelectMany(z => z)], starts.Count, model.Spec.LatentDim),
            labels is null ? null : [.. Enumerable.Repeat(labels[0], starts.Count)]); // (starts, C, H, W)
        var size = target.Size;
        var (t, x) = (target.Data.ToArray(), images.Data.ToArray());
        double Error(int i) => Enumerable.Range(0, size).Sum(j => (double)(x[i * size + j] - t[j]) * (x[i * size + j] - t[j]));
        return starts[Enumerable.Range(0, starts.Count).MinBy(Error)];
    }
}
