using Atelier.IO;
using System.Diagnostics;
using System.Text.Json;
using Atelier.Data;
using Atelier.Imaging;
using Atelier.Models;
using Atelier.Evaluation;
using Atelier.Models.Gan;
using Atelier.Models.Vae;
using Atelier.NN;
using Atelier.Provenance;
using Atelier.Reports;
using Atelier.Training.Health;

namespace Atelier.Training;

/// <summary>
/// A training run in its directory: creates or resumes it, runs epochs, and after each one writes the
/// checkpoint, the metrics, a sample grid from a fixed batch of latents, and the report. The order of
/// the data in epoch e depends only on (seed, e), and the training generator's state is saved in every
/// checkpoint, so a run resumed from any checkpoint continues exactly as if it had never stopped.
/// </summary>
public sealed class TrainingRun
{
    private const int SampleSeedSalt = 0x5EED;
    private readonly TrainingData _data;
    private readonly DataLoader _loader;
    private readonly IReadOnlyList<ProvenanceCell> _sampleCells;
    private readonly Generator _random;
    private readonly RunJudge _judge;
    private readonly TrainingHealth _health;
    private TrainingState _state;
    private double? _lastScore;
    private long _lastSnapshotStep = -StepsBetweenSnapshots;

    /// <summary>The health monitor looks at samples at the end of an epoch at least this many steps after it last did.</summary>
    private const int StepsBetweenSnapshots = 100;

    private TrainingRun(TrainConfig config, RunPaths paths, GenerativeModel model, TrainingData data, DataLoader loader, Generator random, TrainingState state, Action<string>? note)
    {
        Config = config;
        Paths = paths;
        Model = model;
        _data = data;
        _loader = loader;
        _random = random;
        _state = state;
        _sampleCells = SampleCells(config, model);
        _judge = new RunJudge(model, data, config.EvalEvery is not null, config.EvalSamples, note);
        _health = new TrainingHealth(model is GanModel gan && gan.Recipe.Loss != GanLoss.Wasserstein, HealthLog.Read(paths.Health));
    }

    /// <summary>Every health warning of the run so far, oldest first.</summary>
    public IReadOnlyList<HealthWarning> Warnings => _health.Warnings;

    /// <summary>The feature extractor of the periodic evaluation and the health monitor's class counts, with its hash; null without one.</summary>
    public string? Extractor => _judge.Extractor;

    /// <summary>The figure that keeps checkpoints/best.safetensors, or null when none is kept.</summary>
    public string? BestBy => BestByOf(Config, Model);

    internal static string? BestByOf(TrainConfig config, GenerativeModel model) =>
        config.BestBy ?? (config.EvalEvery is not null ? "fid" : model is VaeModel ? "heldout_loss" : null);

    public TrainConfig Config { get; }

    public RunPaths Paths { get; }

    public GenerativeModel Model { get; }

    public TrainingState State => _state;

    public int Batch => Config.Batch ?? Model.Spec.DefaultBatch;

    public string DataDescription => _data.Description;

    /// <summary>Starts a new run in <paramref name="directory"/>, which must not hold a run already.</summary>
    /// <param name="note">Receives one-line notes, e.g. that a feature extractor for periodic evaluation is being trained.</param>
    public static TrainingRun Create(TrainConfig config, string directory, Action<string>? note = null)
    {
        Validate(config);
        var spec = ModelCatalog.Spec(config.Model, config.Options);
        var data = LoadData(config, spec);
        config = WithClasses(config, data);
        ValidateBestBy(config, spec);
        var loader = Loader(config, data, spec); // checks the batch size before anything is written
        var paths = new RunPaths(directory);
        if (File.Exists(paths.Config))
            throw new IOException($"{directory} already holds a run; continue it with 'atelier resume {directory}' or choose another --out");
        CreateDirectories(paths);
        AtomicFile.WriteAllBytes(paths.Config, JsonSerializer.SerializeToUtf8Bytes(config, JsonOptions));
        var random = new Generator(config.Seed);
        var model = ModelCatalog.Create(config.Model, config.Options, random, config.LearningRate);
        return new TrainingRun(config, paths, model, data, loader, random, new TrainingState(0, 0, 0, random.GetState(), 0, null), note);
    }

    /// <summary>Reopens a run from its last checkpoint, optionally with a new total number of epochs.</summary>
    public static TrainingRun Resume(string directory, int? epochs = null, Action<string>? note = null)
    {
        var paths = new RunPaths(directory);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"no run directory at '{directory}'");
        if (!File.Exists(paths.LastCheckpoint))
            throw new FileNotFoundException($"{directory} has no checkpoints/last.safetensors to resume from (was it trained for at least one epoch?)");
        var (_, config, state, contents) = RunCheckpoint.Read(paths.LastCheckpoint);
        if (epochs is int e) config = config with { Epochs = e, Minutes = null };
        Validate(config);
        var (model, random) = RunCheckpoint.Restore(config, state, contents, "checkpoints/last.safetensors", withOptimizer: true);
        var data = LoadData(config, model.Spec);
        var run = new TrainingRun(config, paths, model, data, Loader(config, data, model.Spec), random, state, note);
        AtomicFile.WriteAllBytes(paths.Config, JsonSerializer.SerializeToUtf8Bytes(config, JsonOptions));
        return run;
    }

    /// <summary>Trains until <see cref="TrainConfig.Epochs"/> epochs are complete or the time budget runs out.</summary>
    public void Run(Action<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var metrics = MetricsCsv.Open(Paths.Metrics, MetricColumns());
        MetricsCsv.TruncateAfterStep(Paths.Metrics, _state.Step);
        var batches = _loader.BatchesPerEpoch;
        var clock = Stopwatch.StartNew();
        var session = Stopwatch.StartNew();
        var budget = Config.Minutes is double minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        var imagesSinceStart = 0L;
        Model.SetTraining(true);
        while (_state.Epoch < Config.Epochs)
        {
            // The order of epoch e depends on (seed, e) alone, so a run resumed mid-epoch replays it.
            var epochBatches = _loader.Epoch(new Generator(Config.Seed * 1_000_003 + _state.Epoch + 1)).Skip(_state.BatchInEpoch);
            var b = _state.BatchInEpoch - 1;
            foreach (var batch in epochBatches)
            {
                b++;
                var losses = Model.TrainStep(batch.Images, batch.Labels, _random);
                var step = _state.Step + 1;
                try
                {
                    NonFiniteCheck.AfterStep(Model, losses, step, _state.Epoch + 1, Paths);
                }
                catch (TrainingStoppedException e)
                {
                    HealthLog.Append(Paths.Health, _health.Stopped(step, _state.Epoch + 1, e.Message));
                    WriteReport();
                    throw;
                }
                var warnings = _health.AfterStep(step, _state.Epoch + 1, losses, GradientNorms()).ToList();
                imagesSinceStart += Batch;
                var elapsed = _state.ElapsedSeconds + clock.Elapsed.TotalSeconds;
                _state = _state with { BatchInEpoch = b + 1, Step = step };
                var rate = imagesSinceStart / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                var row = new Dictionary<string, double> { ["step"] = step, ["epoch"] = _state.Epoch + 1, ["time"] = elapsed, ["images_per_sec"] = rate };
                foreach (var (name, value) in losses) row[name] = value;
                var remainingBatches = (Config.Epochs - _state.Epoch - 1) * (long)batches + batches - b - 1;
                var remaining = TimeSpan.FromSeconds(remainingBatches * Batch / Math.Max(1e-9, rate));
                if (budget is TimeSpan limit && limit - session.Elapsed < remaining) remaining = limit - session.Elapsed;
                var endOfEpoch = b + 1 == batches;
                if (endOfEpoch)
                {
                    foreach (var (name, value) in Evaluate(warnings, step)) row[name] = value;
                }
                foreach (var warning in warnings) HealthLog.Append(Paths.Health, warning);
                metrics.Append(row);
                progress?.Invoke(new TrainingProgress(_state.Epoch + 1, Config.Epochs, b + 1, batches, step, losses, rate, TimeSpan.FromSeconds(elapsed), remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining, warnings,
                    row.Where(e => e.Key is "fid" or "kid" or "agreement" or "heldout_loss" or "active_units").ToDictionary()));
                if (endOfEpoch) break;
                if (budget is TimeSpan stopAt && session.Elapsed >= stopAt || cancellation.IsCancellationRequested)
                {
                    _state = _state with { Random = _random.GetState(), ElapsedSeconds = _state.ElapsedSeconds + clock.Elapsed.TotalSeconds };
                    RunCheckpoint.Save(Paths.LastCheckpoint, Model, Config, _state);
                    WriteReport();
                    return;
                }
            }
            _state = _state with
            {
                Epoch = _state.Epoch + 1,
                BatchInEpoch = 0,
                Random = _random.GetState(),
                ElapsedSeconds = _state.ElapsedSeconds + clock.Elapsed.TotalSeconds,
            };
            clock.Restart();
            imagesSinceStart = 0;
            EndEpoch();
            if (budget is TimeSpan limitReached && session.Elapsed >= limitReached) return;
            if (cancellation.IsCancellationRequested) return;
        }
    }

    private void EndEpoch()
    {
        var improved = _lastScore is double score && (_state.BestScore is not double best || score < best);
        if (improved) _state = _state with { BestScore = _lastScore };
        _lastScore = null;
        RunCheckpoint.Save(Paths.LastCheckpoint, Model, Config, _state);
        if (improved) RunCheckpoint.Save(Paths.BestCheckpoint, Model, Config, _state);
        if (Config.SaveEveryEpoch) RunCheckpoint.Save(Paths.EpochCheckpoint(_state.Epoch), Model, Config, _state);
        // Written after the checkpoints so that the grid can name the one that made it (last.safetensors is
        // replaced next epoch; the epoch checkpoint, when kept, stays).
        var checkpoint = Config.SaveEveryEpoch ? Paths.EpochCheckpoint(_state.Epoch) : Paths.LastCheckpoint;
        var layout = new GridLayout(Model.Classes > 0 ? Model.Classes : (int)Math.Ceiling(Math.Sqrt(_sampleCells.Count)));
        var provenance = new ImageProvenance(ModelSource.Of(Config.Model, checkpoint), layout, null, _sampleCells);
        ProvenancePng.Save(Paths.EpochSamples(_state.Epoch), Model.Generate(provenance.Latents(), provenance.Labels()), provenance);
        WriteReport();
    }

    /// <summary>
    /// The fixed latents of every epoch's grid: seeds (seed ^ salt) + i, each image's latent depending on its seed
    /// alone; a conditional model draws image i as class i mod classes, one column per class.
    /// </summary>
    private static IReadOnlyList<ProvenanceCell> SampleCells(TrainConfig config, GenerativeModel model)
    {
        var first = config.Seed ^ SampleSeedSalt;
        return Enumerable.Range(0, config.SampleCount).Select(i =>
        {
            var recipe = new SeedRecipe(first + i);
            int? label = model.Classes > 0 ? i % model.Classes : null;
            return new ProvenanceCell(recipe, recipe.Evaluate(model.Spec.LatentDim), label, label is int c ? config.ClassNames?.ElementAtOrDefault(c) : null);
        }).ToList();
    }

    /// <summary>
    /// Figures at the end of an epoch: for VAEs the held-out negative ELBO and its parts (nats per image) and active units;
    /// every <see cref="TrainConfig.EvalEvery"/> epochs (and the last) FID, KID and agreement; and the health monitor's look
    /// at a fixed batch of samples, whose warnings join <paramref name="warnings"/>.
    /// </summary>
    private Dictionary<string, double> Evaluate(List<HealthWarning> warnings, long step)
    {
        var epoch = _state.Epoch + 1;
        var result = new Dictionary<string, double>();
        if (Model is VaeModel vae)
        {
            var labels = vae.Classes > 0 ? _data.HeldOut.Labels : null;
            var evaluation = VaeEvaluation.HeldOut(vae, _data.HeldOut.Images, new Generator(Config.Seed ^ 0xE7A1), labels);
            result["heldout_loss"] = evaluation.NegativeElbo;
            result["heldout_reconstruction"] = evaluation.Reconstruction;
            result["heldout_kl"] = evaluation.Kl;
            if (_data.HeldOut.Count >= 2)
            {
                var units = ActiveUnits.Measure(vae, _data.HeldOut.Images, labels);
                result["active_units"] = units.Count;
                warnings.AddRange(_health.AfterVaeEpoch(step, epoch, units.Count, units.LatentDim));
            }
        }
        else if (step - _lastSnapshotStep >= StepsBetweenSnapshots || epoch == Config.Epochs)
        {
            // On a few hundred images an epoch is a handful of steps: looking at samples every epoch would cost more than training.
            _lastSnapshotStep = step;
            warnings.AddRange(_health.AfterEpoch(step, epoch, _judge.Snapshot()));
        }
        if (Config.EvalEvery is int every && (epoch % every == 0 || epoch == Config.Epochs))
            foreach (var (name, value) in _judge.Evaluate()) result[name] = value;
        if (BestBy is string metric && result.TryGetValue(metric, out var score))
            _lastScore = metric == "agreement" ? -score : score;
        return result;
    }

    /// <summary>Each network's gradient norm after the step (what the optimiser last applied), for the health monitor.</summary>
    private Dictionary<string, double> GradientNorms()
    {
        var norms = new Dictionary<string, double>();
        foreach (var part in Model.Parts)
        {
            double sum = 0;
            foreach (var p in part.Optimizer.Parameters)
                if (p.Grad is { } g) sum += System.Numerics.Tensors.TensorPrimitives.Dot(g.Data, g.Data);
            norms[part.Prefix.TrimEnd('.')] = Math.Sqrt(sum);
        }
        return norms;
    }

    private IReadOnlyList<string> MetricColumns()
    {
        var columns = new List<string> { "step", "epoch", "time", "images_per_sec" };
        columns.AddRange(Model.LossNames);
        if (Model is VaeModel) columns.AddRange(["heldout_loss", "heldout_reconstruction", "heldout_kl", "active_units"]);
        if (Config.EvalEvery is not null) columns.AddRange(Model.Classes > 0 ? ["fid", "kid", "agreement"] : ["fid", "kid"]);
        return columns;
    }

    private static readonly string[] BestByMetrics = ["fid", "kid", "agreement", "heldout_loss"];

    private static void ValidateBestBy(TrainConfig config, ModelSpec spec)
    {
        if (config.EvalEvery is int every && every < 1) throw new ArgumentException($"eval_every must be at least 1 (epochs), got {every}");
        if (config.EvalSamples is < 10 or > 50_000) throw new ArgumentException($"eval_samples must be between 10 and 50000, got {config.EvalSamples}");
        if (config.BestBy is not string metric) return;
        if (!BestByMetrics.Contains(metric)) throw new ArgumentException($"unknown best_by metric '{metric}'; choose one of: {string.Join(", ", BestByMetrics)}");
        if (metric == "heldout_loss" && spec.Family != ModelFamily.Vae) throw new ArgumentException("best_by heldout_loss needs a VAE (a GAN has no held-out likelihood); use fid or kid with --eval-every");
        if (metric != "heldout_loss" && config.EvalEvery is null) throw new ArgumentException($"best_by {metric} needs periodic evaluation: add --eval-every N (epochs)");
        if (metric == "agreement" && (config.Options.Classes ?? 0) == 0) throw new ArgumentException("best_by agreement needs a class-conditional model (--conditional projection, concat or acgan)");
    }

    private void WriteReport() => TrainingReport.Write(this, MetricsCsv.Read(Paths.Metrics));

    private static void Validate(TrainConfig config)
    {
        if (config.Epochs < 1) throw new ArgumentException($"epochs must be at least 1, got {config.Epochs}");
        if (config.Minutes is double m && !(m > 0)) throw new ArgumentException($"minutes must be positive, got {m}");
        if (config.Batch is int b && b < 1) throw new ArgumentException($"batch size must be at least 1, got {b}");
        if (config.SampleCount is < 1 or > 1024) throw new ArgumentException($"the sample grid holds 1 to 1024 images, got {config.SampleCount}");
        ModelCatalog.Spec(config.Model, config.Options);
    }

    /// <summary>The run's data as its configuration asks: resampling, and (for training) room for random crops.</summary>
    public static TrainingData LoadData(TrainConfig config, ModelSpec spec, bool forTraining = true)
    {
        var resampling = config.Resampling switch
        {
            null or "area" => Resampling.Area,
            "bilinear" => Resampling.Bilinear,
            var other => throw new ArgumentException($"unknown resampling '{other}'; choose area or bilinear"),
        };
        return TrainingData.Load(config.Data, spec, resampling, forTraining && config.RandomCrop);
    }

    private static DataLoader Loader(TrainConfig config, TrainingData data, ModelSpec spec) =>
        new(data.Train, config.Batch ?? spec.DefaultBatch,
            augmentation: config.RandomCrop || config.Flip ? new BatchAugmentation(config.RandomCrop ? spec.ImageSize : null, config.Flip) : null);

    /// <summary>A conditional model's class count comes from the data, and is saved with the configuration.</summary>
    private static TrainConfig WithClasses(TrainConfig config, TrainingData data)
    {
        if (config.Options.Conditional is null or "none" or "false") return config;
        if (data.Train.Labels is null || data.ClassNames.Count < 2)
            throw new DatasetFormatException(config.Data, "a conditional model needs labelled images with at least 2 classes: mnist, shapes, patterns, an IDX file with its labels file beside it, or a folder with one sub-folder per class");
        if (config.Options.Classes is int classes && classes != data.ClassNames.Count)
            throw new DatasetFormatException(config.Data, $"has {data.ClassNames.Count} classes but the configuration says {classes}");
        return config with { Options = config.Options with { Classes = data.ClassNames.Count }, ClassNames = [.. data.ClassNames] };
    }

    private static void CreateDirectories(RunPaths paths)
    {
        try
        {
            Directory.CreateDirectory(paths.Checkpoints);
            Directory.CreateDirectory(paths.Samples);
            var probe = Path.Combine(paths.Root, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UnauthorizedAccessException($"cannot write to the output folder '{paths.Root}' ({e.Message}); choose another --out");
        }
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
