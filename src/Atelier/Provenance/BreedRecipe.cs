using Atelier.Creation;

namespace Atelier.Provenance;

/// <summary>A child of two parents (<see cref="Breeding.Child"/>): <c>breed(seed 3, seed 17, seed 7, mutation 0.2, uniform)</c>.</summary>
public sealed record BreedRecipe(Recipe First, Recipe Second, long Seed, float Mutation, Crossover Crossover) : Recipe
{
    public override float[]? Evaluate(int latentDim) =>
        First.Evaluate(latentDim) is float[] a && Second.Evaluate(latentDim) is float[] b ? Breeding.Child(a, b, Seed, Mutation, Crossover) : null;

    public override string ToString() => $"breed({First}, {Second}, seed {Seed}, mutation {Format(Mutation)}, {Crossovers.Name(Crossover)})";
}
