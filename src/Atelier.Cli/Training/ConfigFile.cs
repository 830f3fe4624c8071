using System.Globalization;
using Atelier.Training;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Atelier.Cli.Training;

/// <summary>
/// Reads a training configuration from YAML or JSON (JSON is YAML): keys model, data, epochs, minutes,
/// batch, lr (or learning_rate), seed, out, samples, save_every_epoch, resampling, random_crop, flip, eval_every, eval_samples, best_by, and every model setting of
/// <see cref="ModelSettings"/> (loss, conditional, image_size, ...). Unknown keys are errors, so a typo
/// is never silently ignored.
/// </summary>
public static class ConfigFile
{
    public static (TrainConfig Config, string? Out) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"config file '{path}' does not exist");
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new UserException($"{path}: not valid YAML or JSON at line {e.Start.Line}: {e.Message}");
        }
        if (stream.Documents.Count == 0) return (new TrainConfig(), null);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new UserException($"{path}: expected a mapping of settings (model: dcgan, epochs: 5, ...)");
        var config = new TrainConfig();
        string? output = null;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var value = (valueNode as YamlScalarNode)?.Value
                ?? throw new UserException($"{path}: '{key}' must be a single value");
            if (ModelSettings.Find(key) is { } setting)
            {
                try
                {
                    config = config with { Options = setting.Apply(config.Options, value) };
                }
                catch (UserException e)
                {
                    throw new UserException($"{path}: {e.Message}");
                }
                continue;
            }
            config = key switch
            {
                "model" => config with { Model = value },
                "data" => config with { Data = value },
                "epochs" => config with { Epochs = Int(path, key, value) },
                "minutes" => config with { Minutes = Number(path, key, value) },
                "batch" => config with { Batch = Int(path, key, value) },
                "lr" or "learning_rate" => config with { LearningRate = (float)Number(path, key, value) },
                "seed" => config with { Seed = Int(path, key, value) },
                "samples" => config with { SampleCount = Int(path, key, value) },
                "save_every_epoch" => config with { SaveEveryEpoch = Bool(path, key, value) },
                "resampling" => config with { Resampling = value },
                "random_crop" => config with { RandomCrop = Bool(path, key, value) },
                "flip" => config with { Flip = Bool(path, key, value) },
                "eval_every" => config with { EvalEvery = Int(path, key, value) },
                "eval_samples" => config with { EvalSamples = Int(path, key, value) },
                "best_by" => config with { BestBy = value },
                "out" => config,
                _ => throw new UserException($"{path}: unknown setting '{key}'; known: model, data, epochs, minutes, batch, lr, seed, out, samples, save_every_epoch, resampling, random_crop, flip, eval_every, eval_samples, best_by, {string.Join(", ", ModelSettings.All.Select(s => s.Key))}"),
            };
            if (key == "out") output = value;
        }
        return (config, output);
    }

    private static int Int(string path, string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new UserException($"{path}: '{key}' must be a whole number, got '{value}'");

    private static double Number(string path, string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new UserException($"{path}: '{key}' must be a number, got '{value}'");

    private static bool Bool(string path, string key, string value) =>
        bool.TryParse(value, out var v) ? v : throw new UserException($"{path}: '{key}' must be true or false, got '{value}'");
}
