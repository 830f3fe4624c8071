namespace Atelier.Provenance;

/// <summary>
/// A latent found for a real image (<c>project(digit.png, vae mean)</c>, <c>project(photo.png, adam 300 steps)</c>):
/// it depends on the model and the image, so only the latent stored beside it makes it again.
/// </summary>
public sealed record ProjectRecipe(string Image, string Method) : Recipe
{
    public override float[]? Evaluate(int latentDim) => null;

    public override string ToString() => $"project({Image}, {Method})";
}
