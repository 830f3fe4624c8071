using Atelier.Data;
using Atelier.Models;
using Atelier.Training;

namespace Atelier.Evaluation;

/// <summary>The classifier that judges (or gives features of) a model's images: the bundled digit classifier for 28x28 grey digits, else one trained on the run's labelled data (cached, see <see cref="FeatureExtractors"/>).</summary>
public static class DataClassifier
{
    /// <summary>The bundled digit classifier when the model makes 28x28 grey images, else null.</summary>
    public static ImageClassifier? BundledFor(ModelSpec spec) => spec.Channels == 1 && spec.ImageSize == 28 ? ImageClassifier.BundledDigits() : null;

    /// <exception cref="DatasetFormatException">The data is not digits and has no labels (or too few held-out images) to train one on.</exception>
    public static (ImageClassifier Classifier, string Source) For(ModelSpec spec, TrainingData data, Action<string>? note = null)
    {
        if (!FeatureExtractors.AreDigits(spec, data))
        {
            if (data.Train.Labels is null || data.ClassNames.Count < 2)
                throw new DatasetFormatException(data.Description, "judging classes needs a classifier of the data: give labelled images (one sub-folder per class), or 28x28 digits");
            if (data.HeldOut.Count < 2) throw new DatasetFormatException(data.Description, "training a classifier of the data needs at least 2 held-out images");
        }
        var extractor = FeatureExtractors.For(spec, data, note: note);
        return (extractor.Classifier!, extractor.Description);
    }
}
