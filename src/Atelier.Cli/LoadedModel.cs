using Atelier.Creation;
using Atelier.Models;
using Atelier.Provenance;
using Atelier.Training;

namespace Atelier.Cli;

/// <summary>A model opened from a checkpoint, with the checkpoint's path.</summary>
public sealed record LoadedModel(GenerativeModel Model, TrainConfig Config, string Checkpoint, TrainingState State)
{
    /// <summary>The model's name and checkpoint with its SHA-256 (read from the file when asked), for the images it makes.</summary>
    public ModelSource Source() => ModelSource.Of(Model.Spec.Name, Checkpoint);

    /// <summary>The run directory the checkpoint belongs to (RUN for RUN/checkpoints/*.safetensors), else the checkpoint's folder.</summary>
    public string RunDirectory
    {
        get
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(Checkpoint))!;
            return Path.GetFileName(folder) == "checkpoints" ? Path.GetDirectoryName(folder)! : folder;
        }
    }

    /// <summary>Where the run keeps its bookmarks and directions.</summary>
    public string LibraryPath => new RunPaths(RunDirectory).Latents;

    /// <summary>The run's bookmarks and directions (none yet: an empty library).</summary>
    public LatentLibrary Library() => Commands.Common.UserErrors(() => LatentLibrary.Load(LibraryPath));
}
