namespace Atelier.Training;

/// <summary>
/// Everything that defines a training run. Saved as config.json in the run directory, so that any tool
/// can rebuild the model and continue or reproduce the run. Null means the model's default.
/// </summary>
public sealed record TrainConfig
{
    public string Model { get; init; } = "dcgan";

    /// <summary>The model's shape, conditioning and training recipe on top of the catalog entry.</summary>
    public Models.ModelOptions Options { get; init; } = Models.ModelOptions.Default;

    /// <summary>The data's class names in label order, recorded for a conditional model so that samples can be asked for by name.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>"mnist" (the bundled digits), "shapes" or "patterns" (generated colour sets), an IDX image file, or a folder of images.</summary>
    public string Data { get; init; } = "mnist";

    /// <summary>How folder images are scaled to the model's size: "area" (default) or "bilinear".</summary>
    public string? Resampling { get; init; }

    /// <summary>Train on random crops of images kept 1/8 larger than the model's size (image folders, shapes, patterns).</summary>
    public bool RandomCrop { get; init; }

    /// <summary>Mirror each training image left-right with probability 1/2.</summary>
    public bool Flip { get; init; }

    /// <summary>An epoch count that means "until the --minutes budget runs out".</summary>
    public const int UntilTimeRunsOut = 1_000_000;

    public int Epochs { get; init; } = 5;

    /// <summary>A wall-clock budget; training stops at the first step boundary after it.</summary>
    public double? Minutes { get; init; }

    public int? Batch { get; init; }

    public float? LearningRate { get; init; }

    public long Seed { get; init; }

    /// <summary>Images in each epoch's sample grid, drawn from one fixed batch of latents.</summary>
    public int SampleCount { get; init; } = 64;

    /// <summary>Also keep checkpoints/epoch-NNN.safetensors for every epoch.</summary>
    public bool SaveEveryEpoch { get; init; }

    /// <summary>Measure FID and KID (and class agreement) of fixed-seed samples every this many epochs; null: never.</summary>
    public int? EvalEvery { get; init; }

    /// <summary>Samples generated for each periodic evaluation.</summary>
    public int EvalSamples { get; init; } = 500;

    /// <summary>The figure that chooses checkpoints/best.safetensors: fid, kid, agreement or heldout_loss (default: fid with periodic evaluation, heldout_loss for VAEs).</summary>
    public string? BestBy { get; init; }

    public string Describe() =>
        $"{Model} on {Data}, {(Epochs >= UntilTimeRunsOut ? "" : $"{Epochs} epoch(s)")}{(Minutes is double m ? $"{(Epochs >= UntilTimeRunsOut ? "" : " or ")}{m:0.##} min" : "")}, seed {Seed}";
}
