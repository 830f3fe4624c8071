using Atelier.Creation;

namespace Atelier.Provenance;

/// <summary>The point at fraction <c>T</c> of the spherical path from one recipe's latent to another's (<see cref="Latents.Slerp"/>).</summary>
public sealed record SlerpRecipe(Recipe From, Recipe To, float T) : Recipe
{
    public override float[]? Evaluate(int latentDim) =>
        From.Evaluate(latentDim) is float[] a && To.Evaluate(latentDim) is float[] b ? Latents.Slerp(a, b, T) : null;

    public override string ToString() => $"slerp({From}, {To}, {Format(T)})";
}
