using Atelier.Data;
using Atelier.Evaluation;
using Atelier.Reports;
using Atelier.Training;
using Atelier.Training.Health;

namespace Atelier.Tests.Training;

public sealed class TrainingHealthTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-health-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    private static Tensor DigitsOfClass(int label, int count)
    {
        var all = Mnist.Train;
        var rows = Enumerable.Range(0, all.Count).Where(i => all.Labels![i] == label).Take(count).ToList();
        return Tensor.Concat(rows.Select(i => all.Images.Slice(0, i, 1)).ToList(), axis: 0); // (count, 1, 28, 28)
    }

    [Fact]
    public void Samples_of_one_class_are_flagged_as_mode_collapse_naming_the_class_and_varied_digits_are_not()
    {
        var classifier = ImageClassifier.BundledDigits();
        var real = Mnist.HeldOut.Images.Slice(0, 0, 256).Copy();

        // What a generator forced to one class draws: sevens, however varied.
        var sevens = SampleSnapshot.Of(DigitsOfClass(7, 256), real, classifier, Digits);
        var health = new TrainingHealth(watchDiscriminator: true);
        Assert.Empty(health.AfterEpoch(100, 1, sevens)); // one epoch of alike samples may be a young generator's first blobs
        var warning = Assert.Single(health.AfterEpoch(200, 2, sevens));
        Assert.Equal("mode collapse", warning.Concern);
        Assert.StartsWith("mode collapse: the samples show only 1 of 10 classes (", warning.Message);
        Assert.Contains("are '7'; real images: 10 classes)", warning.Message);
        Assert.Contains("--mode-seeking 1", warning.Remedy);

        var varied = SampleSnapshot.Of(Mnist.Train.Images.Slice(0, 0, 256).Copy(), real, classifier, Digits);
        Assert.InRange(varied.Diversity, 0.85, 1.15);
        Assert.Equal(0, varied.DuplicateRate);
        var healthy = new TrainingHealth(watchDiscriminator: true);
        Assert.Empty(healthy.AfterEpoch(100, 1, varied));
        Assert.Empty(healthy.AfterEpoch(200, 2, varied));

    }

    [Fact]
    public void Near_identical_samples_are_flagged_as_duplicates_without_a_classifier()
    {
        var real = Mnist.HeldOut.Images.Slice(0, 0, 200).Copy();
        var one = Mnist.Train.Images.Slice(0, 3, 1).Copy();
        var copies = Tensor.Concat(Enumerable.Range(0, 200).Select(i => one + Tensor.Normal([1, 1, 28, 28], new Generator(i)) * 0.01f).ToList(), axis: 0);
        var snapshot = SampleSnapshot.Of(copies, real, classifier: null, []);
        Assert.Equal(1.0, snapshot.DuplicateRate);
        var health = new TrainingHealth(watchDiscriminator: true);
        Assert.Empty(health.AfterEpoch(10, 1, snapshot));
        var warning = Assert.Single(health.AfterEpoch(20, 2, snapshot));
        Assert.Equal("mode collapse: 100% of the samples are near-duplicates of another sample", warning.Message);
    }

    [Fact]
    public void A_discriminator_that_wins_for_200_steps_is_reported_once_until_it_stops_winning()
    {
        var health = new TrainingHealth(watchDiscriminator: true);
        var winning = new Dictionary<string, float> { ["d_real"] = 0.99f, ["d_fake"] = 0.01f };
        var steps = Enumerable.Range(1, 400).Select(s => (Step: s, Warnings: health.AfterStep(s, 1, winning, new Dictionary<string, double>()))).ToList();
        var reported = steps.Where(s => s.Warnings.Count > 0).ToList();
        Assert.Equal(200, Assert.Single(reported).Step);
        Assert.Contains("the discriminator wins every round", reported[0].Warnings[0].Message);
        Assert.Contains("--augment color,translation,cutout", reported[0].Warnings[0].Remedy);

        var balanced = new Dictionary<string, float> { ["d_real"] = 0.6f, ["d_fake"] = 0.4f };
        for (var s = 401; s < 500; s++) Assert.Empty(health.AfterStep(s, 2, balanced, new Dictionary<string, double>()));
        var again = Enumerable.Range(500, 400).Count(s => health.AfterStep(s, 3, winning, new Dictionary<string, double>()).Count > 0);
        Assert.Equal(1, again); // a new stretch of winning is a new warning

        var critic = new TrainingHealth(watchDiscriminator: false); // a Wasserstein critic's outputs are not probabilities
        Assert.All(Enumerable.Range(1, 300), s => Assert.Empty(critic.AfterStep(s, 1, winning, new Dictionary<string, double>())));
    }

    [Fact]
    public void A_gradient_norm_far_above_its_median_is_reported()
    {
        var health = new TrainingHealth(watchDiscriminator: true);
        for (var s = 1; s <= 50; s++) Assert.Empty(health.AfterStep(s, 1, new Dictionary<string, float>(), new Dictionary<string, double> { ["generator"] = 1 + 0.01 * (s % 7) }));
        Assert.Empty(health.AfterStep(51, 1, new Dictionary<string, float>(), new Dictionary<string, double> { ["generator"] = 50 })); // 50x: large, not explosive
        var warning = Assert.Single(health.AfterStep(52, 1, new Dictionary<string, float>(), new Dictionary<string, double> { ["generator"] = 500 }));
        Assert.Equal("exploding gradients (generator)", warning.Concern);
        Assert.Contains("a lower --lr", warning.Remedy);
    }

    [Fact]
    public void Posterior_collapse_is_reported_when_almost_no_latent_unit_is_active()
    {
        var warning = Assert.Single(new TrainingHealth(watchDiscriminator: false).AfterVaeEpoch(10, 1, activeUnits: 1, latentDim: 20));
        Assert.Equal("posterior collapse: only 1 of 20 latent units carry information about the image (the decoder ignores z)", warning.Message);
        Assert.Contains("--kl-warmup", warning.Remedy);
        Assert.Empty(new TrainingHealth(watchDiscriminator: false).AfterVaeEpoch(10, 1, activeUnits: 12, latentDim: 20));
    }

    /// <summary>
    /// The founding document's MLP GAN (seed-gan: Adam 1e-4, betas 0.9/0.999) collapses to one digit class within its
    /// first epochs, as it does in PyTorch; the monitor says so while it trains, with the remedy, and the report keeps it.
    /// </summary>
    [Fact]
    public void Seed_gan_collapses_on_mnist_and_the_monitor_says_so_while_it_trains()
    {
        var run = TrainingRun.Create(new TrainConfig { Model = "seed-gan", Data = "mnist", Epochs = 5, SampleCount = 4 }, Path.Combine(_dir.FullName, "seed-gan"));
        using var stop = new CancellationTokenSource();
        HealthWarning? collapse = null;
        run.Run(p =>
        {
            collapse ??= p.NewWarnings?.FirstOrDefault(w => w.Concern == "mode collapse");
            if (collapse is not null) stop.Cancel(); // said while training: no need to train on
        }, stop.Token);

        Assert.NotNull(collapse);
        Assert.True(collapse.Epoch <= 5, $"collapse reported at epoch {collapse.Epoch}");
        Assert.Contains("of 10 classes", collapse.Message);
        Assert.Contains("seed-gan-stable", collapse.Remedy);
        Assert.Contains(HealthLog.Read(run.Paths.Health), w => w.Concern == "mode collapse");
        Assert.Contains("seed-gan-stable", System.Net.WebUtility.HtmlDecode(File.ReadAllText(run.Paths.Report)));
    }

    [Fact]
    public void Periodic_evaluation_fills_the_metrics_and_keeps_the_best_checkpoint_by_fid()
    {
        var directory = Path.Combine(_dir.FullName, "eval");
        var config = new TrainConfig { Model = "seed-gan-stable", Data = "mnist:count=640", Epochs = 3, EvalEvery = 1, EvalSamples = 100, SaveEveryEpoch = true, SampleCount = 4 };
        var run = TrainingRun.Create(config, directory);
        run.Run();
        var rows = MetricsCsv.Read(run.Paths.Metrics).Where(r => r.TryGetValue("fid", out var v) && double.IsFinite(v)).ToList();
        Assert.Equal([1.0, 2.0, 3.0], rows.Select(r => r["epoch"]));
        var best = rows.MinBy(r => r["fid"])!;
        Assert.Equal(best["fid"], run.State.BestScore!.Value, 1e-9);
        Assert.Equal(File.ReadAllBytes(run.Paths.EpochCheckpoint((int)best["epoch"]))[100..], File.ReadAllBytes(run.Paths.BestCheckpoint)[100..]);
        Assert.Contains("by fid", File.ReadAllText(run.Paths.Report));
    }

    [Theory]
    [InlineData(0, null, "eval_every must be at least 1 (epochs), got 0")]
    [InlineData(null, "fid", "best_by fid needs periodic evaluation: add --eval-every N (epochs)")]
    [InlineData(1, "sharpness", "unknown best_by metric 'sharpness'; choose one of: fid, kid, agreement, heldout_loss")]
    [InlineData(1, "agreement", "best_by agreement needs a class-conditional model (--conditional projection, concat or acgan)")]
    [InlineData(1, "heldout_loss", "best_by heldout_loss needs a VAE (a GAN has no held-out likelihood); use fid or kid with --eval-every")]
    public void Bad_evaluation_settings_are_refused_before_training(int? every, string? bestBy, string message)
    {
        var config = new TrainConfig { Model = "seed-gan", Data = "mnist:count=100", EvalEvery = every, BestBy = bestBy };
        var error = Assert.Throws<ArgumentException>(() => TrainingRun.Create(config, Path.Combine(_dir.FullName, "bad")));
        Assert.Equal(message, error.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "bad")));
    }
}
