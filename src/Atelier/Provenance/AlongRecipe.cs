namespace Atelier.Provenance;

/// <summary>
/// A latent moved along a named direction of the run (<c>along(seed 3, smile, 1.5)</c>: seed 3 + 1.5 × smile). The
/// direction's vector lives in the run, not in the recipe, so only the stored latent makes it again.
/// </summary>
public sealed record AlongRecipe(Recipe From, string Direction, float Amount) : Recipe
{
    public override float[]? Evaluate(int latentDim) => null;

    public override string ToString() => $"along({From}, {Direction}, {Format(Amount)})";
}
