using Atelier.Creation;

namespace Atelier.Provenance;

/// <summary>The latent of a seed (<see cref="Latents.FromSeed(long, int, float?)"/>): <c>seed 42</c>, or <c>seed 42 truncated 0.7</c>.</summary>
public sealed record SeedRecipe(long Seed, float? Truncation = null) : Recipe
{
    public override float[] Evaluate(int latentDim) => Latents.FromSeed(Seed, latentDim, Truncation);

    public override string ToString() => Truncation is float t ? $"seed {Seed} truncated {Format(t)}" : $"seed {Seed}";
}
