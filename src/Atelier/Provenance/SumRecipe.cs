namespace Atelier.Provenance;

/// <summary>
/// Latent arithmetic, the sum of its terms' latents, each added or taken away: <c>sum(bookmark(smile, seed 3), -seed 4, seed 7)</c>
/// for <c>smile - seed 4 + seed 7</c>.
/// </summary>
public sealed record SumRecipe(IReadOnlyList<SumRecipe.Term> Terms) : Recipe
{
    /// <summary>A term: its recipe, taken away when <c>Negated</c>.</summary>
    public sealed record Term(Recipe Recipe, bool Negated);

    public override float[]? Evaluate(int latentDim)
    {
        var sum = new float[latentDim];
        foreach (var term in Terms)
        {
            if (term.Recipe.Evaluate(latentDim) is not float[] z) return null;
            for (var i = 0; i < latentDim; i++) sum[i] = term.Negated ? sum[i] - z[i] : sum[i] + z[i];
        }
        return sum;
    }

    public bool Equals(SumRecipe? other) => other is not null && Terms.SequenceEqual(other.Terms);

    public override int GetHashCode() => Terms.Aggregate(0, (hash, term) => HashCode.Combine(hash, term));

    public override string ToString() => $"sum({string.Join(", ", Terms.Select(t => t.Negated ? $"-{t.Recipe}" : $"{t.Recipe}"))})";
}
