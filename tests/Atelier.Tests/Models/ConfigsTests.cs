using Atelier.Checkpoints;
using Atelier.Cli.Training;
using Atelier.Reports;
using Atelier.Training;

namespace Atelier.Tests.Models;

/// <summary>Every variant in configs/ trains at tiny size with finite losses, and its checkpoint rebuilds the same model.</summary>
public sealed class ConfigsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-configs-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string ConfigFolder => Path.Combine(AppContext.BaseDirectory, "configs");

    public static TheoryData<string> Configs() => new(Directory.GetFiles(ConfigFolder, "*.yaml").Select(Path.GetFileName).Order()!);

    [Fact]
    public void Every_family_and_variant_has_a_config()
    {
        var names = Directory.GetFiles(ConfigFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        foreach (var expected in new[] { "dcgan-mnist", "cdcgan-mnist", "acgan-mnist", "lsgan-mnist", "wgan-gp-shapes", "sngan-hinge-shapes", "r1-shapes",
                     "dcgan-shapes", "cdcgan-shapes", "dcgan-64-patterns", "diffaugment-500", "ada-500", "beta-vae-mnist", "capacity-vae-mnist", "cvae-mnist",
                     "vae-shapes-logistic", "vae-patterns-gaussian", "mlp-vae-gaussian" })
            Assert.Contains(expected, names);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_config_trains_a_few_steps_and_its_checkpoint_reloads(string file)
    {
        var (config, _) = ConfigFile.Read(Path.Combine(ConfigFolder, file));
        var tiny = config with
        {
            Data = config.Data.Split(':')[0] + ":count=40",
            Epochs = 1,
            Minutes = null,
            Batch = 8,
            SampleCount = 4,
            Options = config.Model is "dcgan" or "conv-vae" ? config.Options with { Width = 8 } : config.Options,
        };
        var run = TrainingRun.Create(tiny, Path.Combine(_dir.FullName, file));
        run.Run();

        var rows = MetricsCsv.Read(run.Paths.Metrics);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
            foreach (var name in run.Model.LossNames)
                Assert.True(double.IsFinite(row[name]), $"{file}: {name} = {row[name]} at step {row["step"]}");

        var (_, saved, state, contents) = RunCheckpoint.Read(run.Paths.LastCheckpoint);
        Assert.Equal(tiny.Options with { Classes = run.Config.Options.Classes }, saved.Options);
        var (reloaded, _) = RunCheckpoint.Restore(saved, state, contents, file, withOptimizer: true);
        var live = run.Model.Parts.SelectMany(p => p.Network.StateEntries(p.Prefix)).Concat(run.Model.AuxiliaryState.SelectMany(a => a.Network.StateEntries(a.Prefix)));
        var loaded = reloaded.Parts.SelectMany(p => p.Network.StateEntries(p.Prefix)).Concat(reloaded.AuxiliaryState.SelectMany(a => a.Network.StateEntries(a.Prefix)))
            .ToDictionary(e => e.Name, e => e.Tensor);
        foreach (var entry in live)
            Assert.True(entry.Tensor.Data.SequenceEqual(loaded[entry.Name].Data), $"{file}: {entry.Name} differs after reloading");
        var images = reloaded.Generate(reloaded.SampleLatents(2, new Generator(1)));
        Assert.Equal([2, reloaded.Spec.Channels, reloaded.Spec.ImageSize, reloaded.Spec.ImageSize], images.Shape);
    }
}
