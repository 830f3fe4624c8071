using Atelier.Evaluation;
using Atelier.Models;
using Atelier.Training.Health;

namespace Atelier.Training;

/// <summary>
/// Looks at a training run's samples at the end of an epoch: a fixed batch for the health monitor, and for periodic
/// evaluation the FID, KID and class agreement of fixed-seed samples against the held-out images, in the feature space
/// of the data's feature extractor. The extractor is found once per run: the bundled classifier for digits, or, when
/// periodic evaluation needs it, the cached (or newly trained) extractor of the run's data.
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

    /// <exception cref="Data.DatasetFormatException">Periodic evaluation was asked for but the data has too few images to train a feature extractor on.</exception>
    public RunJudge(GenerativeModel model, TrainingData data, bool evaluating, int evalSamples, Action<string>? note)
    {
        (_model, _data, _evalSamples) = (model, data, evalSamples);
        if (evaluating) FeatureExtractor = FeatureExtractors.For(model.Spec, data, note: note);
        else if (FeatureExtractors.AreDigits(model.Spec, data) && DataClassifier.BundledFor(model.Spec) is ImageClassifier bundled) FeatureExtractor = new FeatureExtractor(bundled, "the bundled digit classifier");
    }

    /// <summary>What measures the periodic figures and counts classes for the health monitor; null without one.</summary>
    public FeatureExtractor? FeatureExtractor { get; }

    private ImageClassifier? Classifier => FeatureExtractor?.Classifier;

    /// <summary>The extractor's description and hash; null without one.</summary>
    public string? Extractor => FeatureExtractor?.ToString();

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
        var extractor = FeatureExtractor ?? throw new InvalidOperationException("periodic evaluation needs the data's feature extractor");
        _realFeatures ??= extractor.Features(_data.HeldOut.Images);
        _realStatistics ??= FrechetDistance.Statistics(_realFeatures.Data, _realFeatures.Dim(0), _realFeatures.Dim(1));
        var labels = _model.Classes > 0 ? ConditionalLabels.Cycle(_evalSamples, _model.Classes) : null;
        var features = extractor.Features(_model.Generate(_model.SampleLatents(_evalSamples, new Generator(SampleSeed + 1)), labels)); // (n, D)
        var result = new Dictionary<string, double>
        {
            ["fid"] = FrechetDistance.Between(_realStatistics, FrechetDistance.Statistics(features.Data, features.Dim(0), features.Dim(1))),
            ["kid"] = KernelDistance.Between(_realFeatures, features, KernelDistance.BlocksFor(_realFeatures.Dim(0), _evalSamples)).Value,
        };
        if (labels is not null && Classifier is ImageClassifier classifier) result["agreement"] = classifier.AgreementOf(classifier.ProbabilitiesFromFeatures(features), labels);
        return result;
    }
}
