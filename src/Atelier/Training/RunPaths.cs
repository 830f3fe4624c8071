namespace Atelier.Training;

/// <summary>The files of a run directory.</summary>
public sealed record RunPaths(string Root)
{
    public string Config => Path.Combine(Root, "config.json");
    public string Checkpoints => Path.Combine(Root, "checkpoints");
    public string LastCheckpoint => Path.Combine(Checkpoints, "last.safetensors");
    public string BestCheckpoint => Path.Combine(Checkpoints, "best.safetensors");
    public string Metrics => Path.Combine(Root, "metrics.csv");
    public string Samples => Path.Combine(Root, "samples");
    public string Report => Path.Combine(Root, "report.html");
    public string Latents => Path.Combine(Root, "latents.json");
    public string Health => Path.Combine(Root, "health.jsonl");

    public string EpochCheckpoint(int epoch) => Path.Combine(Checkpoints, $"epoch-{epoch:D3}.safetensors");

    public string EpochSamples(int epoch) => Path.Combine(Samples, $"epoch-{epoch:D3}.png");
}
