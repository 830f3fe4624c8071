using System.Globalization;
using System.Text.Json;
using Atelier.Checkpoints;
using Atelier.Models;
using Atelier.NN;

namespace Atelier.Training;

/// <summary>
/// A run's checkpoint: the weights under MODELS.md's names (<c>generator.fc.weight</c>, <c>vae.fc1.bias</c>),
/// each optimiser's state as <c>optimizer.{prefix}{parameter}.{exp_avg|exp_avg_sq|...}</c> and
/// <c>optimizer.{prefix}step</c>, networks that are not trained directly (<c>generator_ema.</c>), and in the metadata the model name, the configuration and the
/// training progress (<c>atelier.*</c> keys). PyTorch loads the weights by filtering on the prefix.
/// </summary>
public static class RunCheckpoint
{
    private const string ModelKey = "atelier.model";
    private const string ConfigKey = "atelier.config";
    private const string StateKey = "atelier.state";

    public static void Save(string path, GenerativeModel model, TrainConfig config, TrainingState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var extra = new Dictionary<string, Tensor>();
        foreach (var part in model.Parts)
        {
            var names = part.Network.NamedParameters().Select(p => p.Name).ToArray();
            foreach (var (key, tensor) in part.Optimizer.StateDict())
            {
                if (key == "step") { extra[$"optimizer.{part.Prefix}step"] = tensor; continue; }
                var dot = key.IndexOf('.');
                var index = int.Parse(key.AsSpan(0, dot), CultureInfo.InvariantCulture);
                extra[$"optimizer.{part.Prefix}{names[index]}.{key[(dot + 1)..]}"] = tensor;
            }
        }
        var metadata = new Dictionary<string, string>
        {
            [ModelKey] = model.Spec.Name,
            [ConfigKey] = JsonSerializer.Serialize(config),
            [StateKey] = JsonSerializer.Serialize(state),
        };
        Checkpoint.Save(path, model.Parts.Select(p => (p.Prefix, p.Network)).Concat(model.AuxiliaryState), extra, metadata);
    }

    /// <summary>Reads a checkpoint's model name, configuration and progress without building the model.</summary>
    public static (string Model, TrainConfig Config, TrainingState State, SafetensorsContents Contents) Read(string path)
    {
        var contents = SafetensorsFile.Read(path);
        var file = Path.GetFileName(path);
        if (!contents.Metadata.TryGetValue(ModelKey, out var model) || !contents.Metadata.TryGetValue(ConfigKey, out var configJson)
            || !contents.Metadata.TryGetValue(StateKey, out var stateJson))
            throw new StateDictException($"{file} is not an Atelier training checkpoint (no {ModelKey} metadata)");
        try
        {
            var config = JsonSerializer.Deserialize<TrainConfig>(configJson) ?? throw new JsonException("empty configuration");
            var state = JsonSerializer.Deserialize<TrainingState>(stateJson) ?? throw new JsonException("empty state");
            return (model, config, state, contents);
        }
        catch (JsonException e)
        {
            throw new StateDictException($"{file}: the training metadata is damaged ({e.Message})");
        }
    }

    /// <summary>
    /// Rebuilds a checkpoint's model as its run built it (same catalog entry, seed and learning rate), loads
    /// its state, and returns the training generator set to where the run stood.
    /// </summary>
    public static (GenerativeModel Model, Generator Random) Restore(TrainConfig config, TrainingState state, SafetensorsContents contents, string source, bool withOptimizer)
    {
        var random = new Generator(config.Seed);
        var model = ModelCatalog.Create(config.Model, config.Options, random, config.LearningRate);
        LoadInto(model, contents, source, withOptimizer);
        random.SetState(state.Random);
        return (model, random);
    }

    /// <summary>Loads weights (and, when asked, optimiser state) into a model built for the same catalog entry.</summary>
    public static void LoadInto(GenerativeModel model, SafetensorsContents contents, string source, bool withOptimizer)
    {
        if (contents.Metadata.TryGetValue(ModelKey, out var name) && name != model.Spec.Name)
            throw new StateDictException($"{source} holds a {name} model, not {model.Spec.Name}");
        foreach (var part in model.Parts)
        {
            Checkpoint.LoadInto(contents, part.Network, part.Prefix, source);
            if (!withOptimizer) continue;
            var names = part.Network.NamedParameters().Select(p => p.Name).ToList();
            var stored = Checkpoint.ReadTensors(contents, $"optimizer.{part.Prefix}", source);
            var state = new Dictionary<string, Tensor>();
            foreach (var (key, tensor) in stored)
            {
                if (key == "step") { state["step"] = tensor; continue; }
                var dot = key.LastIndexOf('.');
                var index = names.IndexOf(key[..dot]);
                if (index < 0) throw new StateDictException($"{source}: optimiser state '{key}' names no parameter of the {part.Prefix.TrimEnd('.')}");
                state[$"{index}.{key[(dot + 1)..]}"] = tensor;
            }
            part.Optimizer.LoadStateDict(state);
        }
        foreach (var (prefix, network) in model.AuxiliaryState)
            Checkpoint.LoadInto(contents, network, prefix, source);
    }
}
