using Atelier.Data;
using Atelier.Evaluation;
using Atelier.Models;
using Atelier.Models.Vae;

namespace Atelier.Creation;

/// <summary>
/// Latents with a class each, from which attribute directions are taken as differences of class means: a VAE's
/// encodings of labelled images, or a GAN's seed latents labelled by what a classifier sees in their images.
/// </summary>
public static class ClassLatents
{
    /// <summary>The posterior means of the first <paramref name="count"/> images of labelled data, each with its label.</summary>
    public static (float[][] Latents, int[] Classes) Encoded(VaeModel vae, LabelledImages data, int count)
    {
        if (data.Labels is null) throw new ArgumentException("class means need labelled images (one sub-folder per class, or digits with labels)");
        count = Math.Min(count, data.Count);
        var labels = data.Labels[..count];
        var means = vae.EncodeMean(data.Images.Slice(0, 0, count), vae.Classes > 0 ? labels : null); // (count, Z)
        return (Rows(means), labels);
    }

    /// <summary>The latents of seeds 0 .. count − 1, each with the class <paramref name="classifier"/> gives its image (a conditional model draws classes in turn).</summary>
    public static (float[][] Latents, int[] Classes) Classified(GenerativeModel model, ImageClassifier classifier, int count)
    {
        var latents = Enumerable.Range(0, count).Select(seed => Latents.FromSeed(seed, model.Spec.LatentDim)).ToArray();
        var images = model.Generate(Tensor.FromArray([.. latents.SelectMany(z => z)], count, model.Spec.LatentDim)); // (count, C, H, W)
        var probabilities = classifier.Probabilities(images).ToArray(); // (count, classes)
        var classes = Enumerable.Range(0, count).Select(i => ImageClassifier.ArgMax(probabilities.AsSpan(i * classifier.Classes, classifier.Classes))).ToArray();
        return (latents, classes);
    }

    /// <summary>The mean latent of the given class.</summary>
    /// <exception cref="ArgumentException">No latent has that class.</exception>
    public static float[] Mean(float[][] latents, int[] classes, int wanted, string name)
    {
        var members = latents.Where((_, i) => classes[i] == wanted).ToList();
        if (members.Count == 0) throw new ArgumentException($"no latent has class {name}, so it has no mean (try more samples with --n)");
        return Mean(members);
    }

    /// <summary>The component-wise mean of latents.</summary>
    public static float[] Mean(IReadOnlyList<float[]> latents)
    {
        var mean = new float[latents[0].Length];
        foreach (var z in latents)
            for (var i = 0; i < mean.Length; i++) mean[i] += z[i] / latents.Count;
        return mean;
    }

    private static float[][] Rows(Tensor matrix)
    {
        var (n, d) = (matrix.Dim(0), matrix.Dim(1));
        var values = matrix.ToArray();
        return [.. Enumerable.Range(0, n).Select(i => values[(i * d)..((i + 1) * d)])];
    }
}
