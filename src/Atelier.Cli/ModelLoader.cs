using Atelier.Models;
using Atelier.Training;

namespace Atelier.Cli;

/// <summary>Opens a trained model from a run directory (its last checkpoint) or a checkpoint file.</summary>
public static class ModelLoader
{
    public static LoadedModel Load(string runOrCheckpoint)
    {
        var path = Directory.Exists(runOrCheckpoint) ? new RunPaths(runOrCheckpoint).LastCheckpoint : runOrCheckpoint;
        if (!File.Exists(path))
            throw new FileNotFoundException(Directory.Exists(runOrCheckpoint)
                ? $"{runOrCheckpoint} has no checkpoints/last.safetensors yet (train it for at least one epoch)"
                : $"no run directory or checkpoint at '{runOrCheckpoint}'");
        var (name, config, state, contents) = RunCheckpoint.Read(path);
        if (!ModelCatalog.Names.Contains(name))
            throw new UserException($"{path} holds a '{name}' model, which this version of Atelier does not know");
        var (model, _) = RunCheckpoint.Restore(config with { Model = name }, state, contents, Path.GetFileName(path), withOptimizer: false);
        return new LoadedModel(model, config, path, state);
    }
}
