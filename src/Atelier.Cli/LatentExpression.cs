using System.Text.RegularExpressions;
using Atelier.Creation;
using Atelier.Provenance;

namespace Atelier.Cli;

/// <summary>
/// Latent arithmetic wherever a command takes latents: <c>smile - neutral + seed 7</c>, terms joined by " + " and " - "
/// (spaces around the sign), each a seed (<c>7</c> or <c>seed 7</c>), a bookmark of the run, a PNG made by Atelier or a
/// lineage entry. Its recipe records the whole expression (<c>sum(bookmark(smile, seed 3), -bookmark(neutral, seed 4), seed 7)</c>).
/// </summary>
internal static partial class LatentExpression
{
    public const string Syntax = $"{LatentKeys.Syntax}; bookmark names; or sums such as \"smile - neutral + seed 7\"";

    /// <summary>
    /// The latents of a comma-separated list whose items are keys (<see cref="LatentKeys"/>, a range giving several), bookmark
    /// names or expressions (one latent each).
    /// </summary>
    public static IReadOnlyList<ProvenanceCell> ResolveList(string list, int latentDim, float? truncation, LatentLibrary library, string option)
    {
        var cells = new List<ProvenanceCell>();
        foreach (var item in list.Split(',', StringSplitOptions.TrimEntries))
        {
            if (IsSum(item) || item.StartsWith("seed ", StringComparison.Ordinal) || library.Bookmarks.ContainsKey(item))
                cells.Add(Resolve(item, latentDim, truncation, library, option));
            else cells.AddRange(LatentKeys.Resolve(item, latentDim, truncation, option));
        }
        return cells;
    }

    /// <summary>The one latent of an expression.</summary>
    public static ProvenanceCell Resolve(string text, int latentDim, float? truncation, LatentLibrary library, string option)
    {
        var expression = text.Trim();
        var terms = new List<(ProvenanceCell Cell, bool Negated)>();
        var negated = false;
        if (Regex.IsMatch(expression, @"^-\s*[A-Za-z]"))
        {
            (negated, expression) = (true, expression[1..].TrimStart());
        }
        foreach (var part in Operator().Split(expression))
        {
            if (part is "+" or "-")
            {
                negated = part == "-";
                continue;
            }
            terms.Add((Term(part.Trim(), latentDim, truncation, library, option), negated));
        }
        if (terms.Count == 1 && !terms[0].Negated) return terms[0].Cell;
        var sum = new float[latentDim];
        foreach (var (cell, minus) in terms)
            for (var i = 0; i < latentDim; i++) sum[i] += minus ? -cell.Latent[i] : cell.Latent[i];
        var recipe = new SumRecipe([.. terms.Select(t => new SumRecipe.Term(t.Cell.Recipe, t.Negated))]);
        return new ProvenanceCell(recipe, sum, terms.Select(t => t.Cell.Class).FirstOrDefault(c => c is not null));
    }

    private static bool IsSum(string text) => Operator().IsMatch(text) || Regex.IsMatch(text, @"^-\s*[A-Za-z]");

    private static ProvenanceCell Term(string term, int latentDim, float? truncation, LatentLibrary library, string option)
    {
        if (term.Length == 0) throw new UserException($"{option}: an expression has an empty term (write terms joined by ' + ' and ' - ')");
        if (library.Bookmarks.TryGetValue(term, out var bookmark))
        {
            var latent = ProvenanceCell.ParseLatent(bookmark.Latent) ?? throw new UserException($"{option}: the bookmark '{term}' holds no readable latent");
            if (latent.Length != latentDim) throw new UserException($"{option}: the bookmark '{term}' holds a latent of {latent.Length} values; this model's have {latentDim}");
            return new ProvenanceCell(new BookmarkRecipe(term, Commands.Common.UserErrors(() => Recipe.Parse(bookmark.Recipe))), latent, bookmark.Class);
        }
        if (LatentLibrary.IsValidName(term))
        {
            var known = library.Bookmarks.Count == 0 ? "it has none yet: add one with 'atelier bookmark RUN NAME SOURCE'" : $"its bookmarks: {string.Join(", ", library.Bookmarks.Keys)}";
            throw new UserException($"{option}: '{term}' is not a bookmark of this run ({known})");
        }
        var key = term.StartsWith("seed ", StringComparison.Ordinal) ? term[5..].Trim() : term;
        var cells = LatentKeys.Resolve(key, latentDim, truncation, option);
        return cells.Count == 1 ? cells[0] : throw new UserException($"{option}: the term '{term}' names {cells.Count} latents; a term of an expression names one");
    }

    [GeneratedRegex(@"\s+([+-])\s+")]
    private static partial Regex Operator();
}
