using System.CommandLine;
using Atelier.Cli.Training;
using Atelier.Models;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier train --model NAME --data mnist|PATH [--epochs N | --minutes M] ...</c></summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = $"Model to train: {string.Join(", ", ModelCatalog.Names)}." };
        var data = new Option<string?>("--data") { Description = "'mnist' (bundled digits), 'shapes' or 'patterns' (generated colour sets, e.g. shapes:count=3000), an IDX image file, a folder of PNG/BMP/JPEG images, or a manifest.txt from 'atelier data check'." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs to train (default 5)." };
        var minutes = new Option<double?>("--minutes") { Description = "Stop after this many minutes (at a step boundary, with a checkpoint)." };
        var batch = new Option<int?>("--batch") { Description = "Batch size (default: the model's, 64 for GANs, 128 for VAEs)." };
        var lr = new Option<float?>("--lr") { Description = "Learning rate (default: the model's recipe)." };
        var seed = new Option<long?>("--seed") { Description = "Random seed; the same seed gives the same run (default 0)." };
        var output = new Option<string?>("--out") { Description = "Run directory (default runs/MODEL-yyyyMMdd-HHmmss)." };
        var config = new Option<string?>("--config") { Description = "YAML or JSON file with the same settings; flags override it." };
        var samples = new Option<int?>("--samples") { Description = "Images in each epoch's sample grid (default 64)." };
        var everyEpoch = new Option<bool>("--save-every-epoch") { Description = "Keep checkpoints/epoch-NNN.safetensors for every epoch." };
        var resampling = new Option<string?>("--resampling") { Description = "How folder images are scaled to the model's size: area (default) or bilinear." };
        var randomCrop = new Option<bool>("--random-crop") { Description = "Train on random crops of images kept 1/8 larger (image folders, shapes, patterns)." };
        var flip = new Option<bool>("--flip") { Description = "Mirror training images left-right at random." };
        var evalEvery = new Option<int?>("--eval-every") { Description = "Measure FID and KID (and class agreement) of 500 fixed-seed samples every N epochs, plotted in the report." };
        var evalSamples = new Option<int?>("--eval-samples") { Description = "Samples per periodic evaluation (default 500)." };
        var bestBy = new Option<string?>("--best-by") { Description = "The figure that picks checkpoints/best.safetensors: fid, kid, agreement or heldout_loss (default: fid with --eval-every, heldout_loss for VAEs)." };
        var quiet = Common.QuietOption();
        var command = new Command("train", "Train a GAN or VAE and write a run directory (checkpoints, metrics, sample grids, report).")
        {
            model, data, epochs, minutes, batch, lr, seed, output, config, samples, everyEpoch, resampling, randomCrop, flip, evalEvery, evalSamples, bestBy, quiet,
        };
        var settings = ModelSettings.All.Select(s => (Setting: s, Option: new Option<string?>(s.Flag) { Description = s.Help })).ToArray();
        foreach (var (_, option) in settings) command.Options.Add(option);
        command.SetAction((parse, cancellation) =>
        {
            var (resolved, configOut) = parse.GetValue(config) is string file ? ConfigFile.Read(file) : (new TrainConfig(), null);
            resolved = resolved with
            {
                Model = parse.GetValue(model) ?? resolved.Model,
                Data = parse.GetValue(data) ?? resolved.Data,
                Epochs = parse.GetValue(epochs) ?? (parse.GetValue(minutes) is null ? resolved.Epochs : TrainConfig.UntilTimeRunsOut),
                Minutes = parse.GetValue(minutes) ?? resolved.Minutes,
                Batch = parse.GetValue(batch) ?? resolved.Batch,
                LearningRate = parse.GetValue(lr) ?? resolved.LearningRate,
                Seed = parse.GetValue(seed) ?? resolved.Seed,
                SampleCount = parse.GetValue(samples) ?? resolved.SampleCount,
                SaveEveryEpoch = parse.GetValue(everyEpoch) || resolved.SaveEveryEpoch,
                Resampling = parse.GetValue(resampling) ?? resolved.Resampling,
                RandomCrop = parse.GetValue(randomCrop) || resolved.RandomCrop,
                Flip = parse.GetValue(flip) || resolved.Flip,
                EvalEvery = parse.GetValue(evalEvery) ?? resolved.EvalEvery,
                EvalSamples = parse.GetValue(evalSamples) ?? resolved.EvalSamples,
                BestBy = parse.GetValue(bestBy) ?? resolved.BestBy,
            };
            foreach (var (setting, option) in settings)
            {
                if (parse.GetValue(option) is string value) resolved = resolved with { Options = setting.Apply(resolved.Options, value) };
            }
            if (!ModelCatalog.Names.Contains(resolved.Model))
                throw new UserException($"unknown model '{resolved.Model}'; choose one of: {string.Join(", ", ModelCatalog.Names)}");
            var directory = parse.GetValue(output) ?? configOut ?? Path.Combine("runs", $"{resolved.Model}-{DateTime.Now:yyyyMMdd-HHmmss}");
            var writer = parse.InvocationConfiguration.Output;
            var run = Common.UserErrors(() => TrainingRun.Create(resolved, directory, parse.GetValue(quiet) ? null : writer.WriteLine));
            var quietRun = parse.GetValue(quiet);
            if (!quietRun) writer.WriteLine($"Training {resolved.Describe()} (batch {run.Batch}) into {directory}");
            ProgressDisplay.Run(run, quietRun, writer, cancellation);
            if (!quietRun) Common.PrintRunSummary(run, writer);
            return Task.FromResult(CommandRunner.Success);
        });
        return command;
    }
}
