using System.Globalization;

namespace Atelier.Provenance;

/// <summary>
/// How a latent was made, as a small expression saved with every image: <c>seed 42</c>,
/// <c>seed 42 truncated 0.7</c>, <c>slerp(seed 3, seed 17, 0.3)</c>. Its text form parses back to the same
/// tree (<see cref="Parse"/>), so that new operations (breeding, arithmetic) are new node types and new
/// grammar rules, not new file fields.
/// </summary>
public abstract record Recipe
{
    /// <summary>Reads the text form back into a recipe.</summary>
    /// <exception cref="FormatException">The text is not a recipe; the message says where.</exception>
    public static Recipe Parse(string text) => RecipeParser.Parse(text);

    /// <summary>
    /// The latent this recipe makes for a model with <paramref name="latentDim"/> latent components, or null when
    /// the recipe alone cannot recompute it (then only the latent stored beside it can).
    /// </summary>
    public abstract float[]? Evaluate(int latentDim);

    /// <summary>The text form, which <see cref="Parse"/> reads back.</summary>
    public abstract override string ToString();

    /// <summary>A number in its shortest form that reads back to the same float.</summary>
    protected static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
