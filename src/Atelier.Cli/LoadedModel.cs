using Atelier.Models;
using Atelier.Provenance;
using Atelier.Training;

namespace Atelier.Cli;

/// <summary>A model opened from a checkpoint, with the checkpoint's path.</summary>
public sealed record LoadedModel(GenerativeModel Model, TrainConfig Config, string Checkpoint)
{
    /// <summary>The model's name and checkpoint with its SHA-256 (read from the file when asked), for the images it makes.</summary>
    public ModelSource Source() => ModelSource.Of(Model.Spec.Name, Checkpoint);
}
