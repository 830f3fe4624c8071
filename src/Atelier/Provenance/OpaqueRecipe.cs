namespace Atelier.Provenance;

/// <summary>
/// A recipe this version does not know (<c>name(...)</c>, written by a newer Atelier), kept verbatim: such an
/// image still regenerates from its stored latent, but the recipe cannot be checked against it.
/// </summary>
public sealed record OpaqueRecipe(string Text) : Recipe
{
    public override float[]? Evaluate(int latentDim) => null;

    public override string ToString() => Text;
}
