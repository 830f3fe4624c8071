using Atelier.Checkpoints;
using Atelier.Imaging;
using Atelier.Reports;
using Atelier.Training;

namespace Atelier.Tests.Training;

public sealed class TrainingRunTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-run-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Data(int count = 200) => TinyDatasets.WriteIdx(_dir.FullName, count);

    [Theory]
    [InlineData("dcgan")]
    [InlineData("seed-gan-stable")]
    [InlineData("mlp-vae")]
    [InlineData("conv-vae")]
    public void Two_epochs_equal_one_epoch_resumed_for_one_more(string model)
    {
        var config = new TrainConfig { Model = model, Data = Data(), Epochs = 2, Batch = 32, Seed = 3, SampleCount = 4 };
        var straight = TrainingRun.Create(config, Path.Combine(_dir.FullName, "straight"));
        straight.Run();

        var halfway = Path.Combine(_dir.FullName, "halfway");
        TrainingRun.Create(config with { Epochs = 1 }, halfway).Run();
        var resumed = TrainingRun.Resume(halfway, epochs: 2);
        Assert.Equal(1, resumed.State.Epoch);
        resumed.Run();

        var expected = SafetensorsFile.Read(straight.Paths.LastCheckpoint).Tensors;
        var actual = SafetensorsFile.Read(resumed.Paths.LastCheckpoint).Tensors;
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, tensor) in expected)
            Assert.True(tensor.Data.AsSpan().SequenceEqual(actual[name].Data), $"{model}: {name} differs after resuming");
        // The pixels only: each grid's provenance names its own run's checkpoint.
        Assert.Equal(PngDecoder.Decode(straight.Paths.EpochSamples(2)).Pixels, PngDecoder.Decode(resumed.Paths.EpochSamples(2)).Pixels);
        Assert.Equal(MetricsCsv.Read(straight.Paths.Metrics).Count, MetricsCsv.Read(resumed.Paths.Metrics).Count);
    }

    [Fact]
    public void A_run_directory_holds_config_checkpoint_metrics_samples_and_report()
    {
        var run = TrainingRun.Create(new TrainConfig { Model = "mlp-vae", Data = Data(), Epochs = 2, Batch = 30, SampleCount = 9 }, Path.Combine(_dir.FullName, "run"));
        run.Run();
        var paths = run.Paths;
        foreach (var file in new[] { paths.Config, paths.LastCheckpoint, paths.BestCheckpoint, paths.Metrics, paths.EpochSamples(1), paths.EpochSamples(2), paths.Report })
            Assert.True(File.Exists(file), $"missing {file}");
        var rows = MetricsCsv.Read(paths.Metrics);
        Assert.Equal(2 * (180 / 30), rows.Count);
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (double)i), rows.Select(r => r["step"]));
        Assert.True(double.IsFinite(rows[^1]["heldout_loss"]), "held-out loss is logged at the end of an epoch");
        Assert.True(double.IsNaN(rows[0]["heldout_loss"]));
        var report = File.ReadAllText(paths.Report);
        Assert.Contains("samples/epoch-002.png", report);
        Assert.Contains("<svg", report);
        Assert.Equal(2, RunCheckpoint.Read(paths.LastCheckpoint).State.Epoch);
    }

    [Fact]
    public void A_non_finite_loss_stops_training_and_keeps_the_last_good_checkpoint()
    {
        var directory = Path.Combine(_dir.FullName, "nan");
        TrainingRun.Create(new TrainConfig { Model = "mlp-vae", Data = Data(), Epochs = 1, Batch = 30 }, directory).Run();
        var good = File.ReadAllBytes(new RunPaths(directory).LastCheckpoint);

        var run = TrainingRun.Resume(directory, epochs: 2);
        run.Model.Parts[0].Network.NamedParameters().First(p => p.Name == "fc1.weight").Parameter.Data[5] = float.NaN;
        var error = Assert.Throws<TrainingStoppedException>(() => run.Run());
        Assert.Contains("training stopped at step 7 (epoch 2)", error.Message);
        Assert.Contains("is unchanged", error.Message);
        Assert.Equal(good, File.ReadAllBytes(run.Paths.LastCheckpoint));
        var stopped = Assert.Single(Atelier.Training.Health.HealthLog.Read(run.Paths.Health));
        Assert.Equal(("stopped", 7L), (stopped.Concern, stopped.Step));
        Assert.Contains("training stopped at step 7", System.Net.WebUtility.HtmlDecode(File.ReadAllText(run.Paths.Report)));
    }

    [Fact]
    public void A_time_budget_stops_mid_epoch_and_resume_finishes_the_epoch()
    {
        var directory = Path.Combine(_dir.FullName, "budget");
        var run = TrainingRun.Create(new TrainConfig { Model = "mlp-vae", Data = Data(), Epochs = 1, Minutes = 1e-6, Batch = 30 }, directory);
        run.Run();
        Assert.Equal((0, 1), (run.State.Epoch, run.State.BatchInEpoch));
        var resumed = TrainingRun.Resume(directory, epochs: 1);
        Assert.Equal(1, resumed.State.BatchInEpoch);
        resumed.Run();
        Assert.Equal((1, 6L), (resumed.State.Epoch, resumed.State.Step));
    }

    [Fact]
    public void Creating_a_run_where_one_exists_is_refused()
    {
        var directory = Path.Combine(_dir.FullName, "twice");
        var config = new TrainConfig { Model = "mlp-vae", Data = Data(), Epochs = 1, Batch = 30 };
        TrainingRun.Create(config, directory);
        var error = Assert.Throws<IOException>(() => TrainingRun.Create(config, directory));
        Assert.Contains("already holds a run", error.Message);
    }
}
