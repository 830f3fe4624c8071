using Atelier.Evaluation;
using Atelier.Models;
using Atelier.Training.Health;

namespace Atelier.Training;

/// <summary>
/// Looks at a training run's samples at the end of an epoch: a fixed batch for the health monitor, and for periodic
/// evaluation the FID, KID and class agreement of fixed-seed samples against the held-out images, in the feature space
/// of the data's classifier. The classifier is made once per run: the bundled one for digits, or, when periodic
/// evaluation needs it, one trained on the run's labelled images.
/// </summary>
internal sealed class RunJudge
{
    private const int HealthSamples = 256;
    private const long SampleSeed = 0x4EA17;
    private readonly GenerativeModel _model;
    private readonly TrainingData _data;
    private readonly int _evalSamples;
    private Tensor? _realFeatures;
    private FeatureStatistics? _realStatistics;

    /// <exception cref="Data.DatasetFormatException">Periodic evaluation was asked for but the data cannot be judged (no labels, not digits).</exception>
    public RunJudge(GenerativeModel model, TrainingData data, bool evaluating, int evalSamples)
    {
        (_model, _data, _evalSamples) = (model, data, evalSamples);
        var digits = data.ClassNames.Count == 0 || data.ClassNames.SequenceEqual(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (evaluating) (Classifier, Extractor) = DataClassifier.For(model.Spec, data);
        else if (digits && DataClassifier.BundledFor(model.Spec) is ImageClassifier bundled) (Classifier, Extractor) = (bundled, "the bundled digit classifier");
        if (Classifier is not null) Extractor += $", hash {Classifier.Hash}";
    }

    public ImageClassifier? Classifier { get; }

    /// <summary>What measures the periodic figures, and its hash; null without a classifier.</summary>
    public string? Extractor { get; }

    /// <summary>The health monitor's view of a fixed batch of samples.</summary>
    public SampleSnapshot Snapshot()
    {
        var held = _data.HeldOut.Images;
        var real = held.Dim(0) > HealthSamples ? held.Slice(0, 0, HealthSamples) : held;
        var fake = _model.Generate(_model.SampleLatents(HealthSamples, new Generator(SampleSeed))); // (256, C, H, W)
        return SampleSnapshot.Of(fake, real, Classifier, _data.ClassNames);
    }

    /// <summary>fid, kid and (conditional models) agreement of <c>eval_samples</c> fixed-seed samples against the held-out images.</summary>
    public Dictionary<string, double> Evaluate()
    {
        var classifier = Classifier ?? throw new InvalidOperationException("periodic evaluation needs the data's classifier");
        _realFeatures ??= classifier.Features(_data.HeldOut.Images);
        _realStatistics ??= FrechetDistance.Statistics(_realFeatures.Data, _realFeatures.Dim(0), _realFeatures.Dim(1));
        var labels = _model.Classes > 0 ? ConditionalLabels.Cycle(_evalSamples, _model.Classes) : null;
        var features = classifier.Features(_model.Generate(_model.SampleLatents(_evalSamples, new Generator(SampleSeed + 1)), labels)); // (n, D)
        var result = new Dictionary<string, double>
        {
            ["fid"] = FrechetDistance.Between(_realStatistics, FrechetDistance.Statistics(features.Data, features.Dim(0), features.Dim(1))),
            ["kid"] = KernelDistance.Between(_realFeatures, features, blocks: Math.Clamp(Math.Min(_realFeatures.Dim(0), _evalSamples) / 100, 1, 10)).Value,
        };
        if (labels is not null) result["agreement"] = classifier.AgreementOf(classifier.ProbabilitiesFromFeatures(features), labels);
        return result;
    }
}
