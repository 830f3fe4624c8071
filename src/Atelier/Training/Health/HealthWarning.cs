namespace Atelier.Training.Health;

/// <summary>A problem the health monitor saw while training, in plain words, with what to try.</summary>
/// <param name="Concern">A short key: "mode collapse", "discriminator too strong", "exploding gradients", "posterior collapse", "stopped".</param>
public sealed record HealthWarning(string Concern, long Step, int Epoch, string Message, string Remedy)
{
    public override string ToString() => $"warning (epoch {Epoch}, step {Step}): {Message} — try: {Remedy}";
}
