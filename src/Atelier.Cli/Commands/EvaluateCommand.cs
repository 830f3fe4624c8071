using System.CommandLine;
using Atelier.Evaluation;
using Atelier.Models.Vae;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier evaluate RUN_DIR|CHECKPOINT [--samples N] [--against mnist|PATH] [--seed S] [--iwae-k K] [--binarised]</c>:
/// sample quality in a classifier's feature space (FID, KID, precision/recall, density/coverage, class coverage and
/// agreement), memorisation, and for VAEs the held-out likelihood; saved in the run and shown in its report.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var count = new Option<int>("--samples", "--n") { Description = "Number of generated images (default 1000).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the latent vectors (default 123).", DefaultValueFactory = _ => 123 };
        var against = new Option<string?>("--against", "--data") { Description = "The real images to compare with: mnist, shapes, a folder... (default: the run's own data, held-out part)." };
        var iwaeK = new Option<int>("--iwae-k") { Description = "VAEs: importance samples per image for the likelihood estimate (default 100).", DefaultValueFactory = _ => 100 };
        var binarised = new Option<bool>("--binarised") { Description = "VAEs with a Bernoulli decoder: score binarised held-out pixels (the binarised-MNIST protocol) instead of grey levels." };
        var rebuild = new Option<bool>("--rebuild-extractor") { Description = "Train the data's feature extractor again instead of using the cached one." };
        var quiet = Common.QuietOption();
        var command = new Command("evaluate", "Judge a model: FID and KID in a classifier's feature space, precision/recall, density/coverage, class coverage, memorisation, and VAE likelihoods; saved in the run's evaluation.json and report.")
        {
            source, count, seed, against, iwaeK, binarised, rebuild, quiet,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n is < 2 or > 50_000) throw new UserException($"--samples must be between 2 and 50000, got {n}");
            var k = parse.GetValue(iwaeK);
            if (k is < 1 or > 10_000) throw new UserException($"--iwae-k must be between 1 and 10000, got {k}");
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var model = loaded.Model;
            var protocol = parse.GetValue(binarised) ? PixelProtocol.Binarised : PixelProtocol.Continuous;
            if (protocol == PixelProtocol.Binarised && model is not VaeModel) throw new UserException("--binarised applies to VAEs (it sets how their likelihood is measured)");
            var data = Common.UserErrors(() => parse.GetValue(against) is string other
                ? TrainingData.Load(other, model.Spec)
                : TrainingRun.LoadData(loaded.Config, model.Spec, forTraining: false));
            var output = parse.InvocationConfiguration.Output;
            var notes = parse.GetValue(quiet) ? TextWriter.Null : output;
            var extractor = Common.UserErrors(() => FeatureExtractors.For(model.Spec, data, parse.GetValue(rebuild), notes.WriteLine));
            Tensor? generated = null;
            var samples = Common.UserErrors(() => SampleEvaluation.Measure(model, data, extractor, n, parse.GetValue(seed), images => generated = images));
            VaeLikelihood? likelihood = null;
            ActiveUnits? active = null;
            if (model is VaeModel vae)
            {
                var labels = vae.Classes > 0 ? data.HeldOut.Labels : null;
                likelihood = Common.UserErrors(() => VaeLikelihood.Measure(vae, data.HeldOut.Images, labels, protocol, k));
                active = ActiveUnits.Measure(vae, data.HeldOut.Images, labels);
            }
            var evaluation = Record(loaded, data, samples, parse.GetValue(seed), likelihood, active);
            if (!parse.GetValue(quiet)) Print(evaluation, RunEvaluation.History(loaded.RunDirectory), output);
            Save(evaluation, loaded, samples, generated!, data, parse.GetValue(quiet) ? TextWriter.Null : output);
            return CommandRunner.Success;
        });
        return command;
    }

    private static RunEvaluation Record(LoadedModel loaded, TrainingData data, SampleEvaluation s, long seed, VaeLikelihood? likelihood, ActiveUnits? active) => new()
    {
        Model = loaded.Model.Spec.Name,
        Checkpoint = Path.GetRelativePath(loaded.RunDirectory, loaded.Checkpoint),
        Epoch = loaded.State.Epoch,
        Step = loaded.State.Step,
        When = DateTimeOffset.Now,
        Against = data.Description,
        Samples = s.Samples,
        Seed = seed,
        Extractor = s.Extractor.Description,
        ExtractorHash = s.Extractor.Hash,
        Fid = s.Fid,
        Kid = s.Kid.Value,
        KidStandardError = s.Kid.StandardError,
        Manifold = s.Manifold,
        ExtractorAccuracy = s.Extractor.Accuracy,
        ClassAgreement = s.ClassAgreement,
        MeanConfidence = s.Recognition?.MeanConfidence,
        ConfidentShare = s.Recognition?.ConfidentShare,
        RealConfidentShare = s.RealRecognition?.ConfidentShare,
        ClassesCovered = s.Recognition?.ClassesCovered(),
        Classes = s.Recognition?.ClassShares.Length,
        NearCopies = s.Memorisation.NearCopies,
        MedianPixelRatio = s.Memorisation.MedianPixelRatio,
        ClosestPairs = s.Memorisation.Pairs.Take(8).ToList(),
        Likelihood = likelihood,
        ActiveUnits = active?.Count,
        LatentDim = active?.LatentDim,
    };

    private static void Print(RunEvaluation e, IReadOnlyList<RunEvaluation> history, TextWriter output)
    {
        output.WriteLine($"{e.Model} ({e.Checkpoint}, epoch {e.Epoch}, step {e.Step}): {e.Samples} samples (seed {e.Seed}) against {e.Against}");
        output.WriteLine($"feature extractor: {e.Extractor}" + (double.IsNaN(e.ExtractorAccuracy) ? "" : $", {e.ExtractorAccuracy:P1} on held-out images") + $"; hash {e.ExtractorHash}");
        var kidError = double.IsNaN(e.KidStandardError) ? "" : $" ± {e.KidStandardError * 1000:0.00}";
        output.WriteLine($"FID {e.Fid:0.00}   KID {e.Kid * 1000:0.00}{kidError} (x 10^-3)   lower is closer to the real images");
        if (e.Manifold is ManifoldScores m)
            output.WriteLine($"precision {m.Precision:0.000}  recall {m.Recall:0.000} (k={m.PrecisionRecallK})   density {m.Density:0.000}  coverage {m.Coverage:0.000} (k={m.DensityCoverageK})");
        if (e.Classes is int classes)
            output.WriteLine($"classes: {e.ClassesCovered} of {classes} each given at least 4% of samples; {e.ConfidentShare:P1} recognised with probability ≥ {SampleRecognition.ConfidentProbability} (real images: {e.RealConfidentShare:P1})");
        if (e.ClassAgreement is double agreement) output.WriteLine($"class agreement: {agreement:P1} of samples are classified as the class asked for");
        output.WriteLine(e.NearCopies == 0
            ? $"memorisation: no sample is a near-copy of a training image (median distance to the nearest one: {e.MedianPixelRatio:0.00} x the training images' own spacing)"
            : $"memorisation: WARNING {e.NearCopies} of {e.Samples} samples are near-copies of training images (closer than {Memorisation.NearCopyRatio:0.00} x the training images' own spacing)");
        if (e.Likelihood is VaeLikelihood l)
        {
            output.WriteLine($"held-out likelihood ({l.Images} images; {l.ProtocolText}):");
            output.WriteLine($"  negative ELBO {l.NegativeElbo:0.00} nats = reconstruction {l.Reconstruction:0.00} + KL {l.Kl:0.00}");
            output.WriteLine($"  importance-weighted NLL (k={l.K}) {l.ImportanceWeightedNll:0.00} nats, {l.BitsPerDimension:0.0000} bits/dim");
        }
        if (e.ActiveUnits is int units) output.WriteLine($"active latent units: {units} of {e.LatentDim} (posterior-mean variance > {Atelier.Evaluation.ActiveUnits.Threshold})");
        var earlier = history.LastOrDefault();
        if (earlier is not null && earlier.ExtractorHash != e.ExtractorHash)
            output.WriteLine($"note: the run's earlier evaluations used another feature extractor (hash {earlier.ExtractorHash}); their FID and KID are not comparable with these");
        else if (earlier is not null)
            output.WriteLine($"previous evaluation (epoch {earlier.Epoch}, same extractor): FID {earlier.Fid:0.00}, KID {earlier.Kid * 1000:0.00} x 10^-3");
    }

    private static void Save(RunEvaluation evaluation, LoadedModel loaded, SampleEvaluation samples, Tensor generated, TrainingData data, TextWriter output)
    {
        var run = loaded.RunDirectory;
        try
        {
            Directory.CreateDirectory(Path.Combine(run, "evaluation"));
            var pairs = Path.Combine(run, "evaluation", "closest-pairs.png");
            samples.Memorisation.SaveClosestPairs(pairs, generated, data.Train.Images);
            evaluation.SaveTo(run);
            if (File.Exists(new RunPaths(run).LastCheckpoint)) TrainingReport.Rewrite(run, data.Description);
            output.WriteLine($"saved: {Path.Combine(run, RunEvaluation.LatestFile)}, {pairs} (each sample beside its nearest training images in pixels and in features)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"note: could not save the evaluation in {run} ({e.Message})");
        }
    }
}
