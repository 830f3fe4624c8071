using Atelier.Models;

namespace Atelier.Evaluation;

/// <summary>How often a conditional model draws the class it is asked for, as judged by a classifier of real images.</summary>
public static class ClassAgreement
{
    /// <summary>
    /// Generates <paramref name="count"/> images, asking for each class in turn, from latents of seed
    /// <paramref name="seed"/>, and returns the fraction the classifier assigns to the class asked for.
    /// </summary>
    public static double Measure(GenerativeModel model, ImageClassifier classifier, int count = 1000, long seed = 123)
    {
        if (model.Classes == 0) throw new ArgumentException($"{model.Spec.Name} is unconditional: class agreement needs a class-conditional model");
        if (classifier.Classes != model.Classes)
            throw new ArgumentException($"the classifier knows {classifier.Classes} classes but the model generates {model.Classes}");
        var labels = ConditionalLabels.Cycle(count, model.Classes);
        var images = model.Generate(model.SampleLatents(count, new Generator(seed)), labels); // (count, C, H, W)
        return classifier.Agreement(images, labels);
    }
}
