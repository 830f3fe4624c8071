namespace Atelier.Provenance;

/// <summary>A latent saved under a name in a run's bookmarks, with the recipe that made it: <c>bookmark(smile, seed 3)</c>.</summary>
public sealed record BookmarkRecipe(string Name, Recipe Recipe) : Recipe
{
    public override float[]? Evaluate(int latentDim) => Recipe.Evaluate(latentDim);

    public override string ToString() => $"bookmark({Name}, {Recipe})";
}
