using System.Globalization;
using System.Text.RegularExpressions;
using Atelier.Provenance;

namespace Atelier.Cli;

/// <summary>
/// Latents named on the command line, anywhere a command takes seeds or keyframes: a comma-separated list of
/// seeds (<c>42</c>), seed ranges (<c>10-20</c>, both ends included), and PNGs made by Atelier (<c>photo.png</c>,
/// or <c>grid.png#5</c> for one image of a grid or animation), which bring their exact latent and recipe, and entries of a
/// breeding lineage (<c>lineage.json#3</c>, or <c>lineage.json#favourites</c> for every favourite).
/// </summary>
internal static partial class LatentKeys
{
    public const string Syntax = "seeds (42), ranges (10-20), PNGs made by Atelier (photo.png, grid.png#5) or lineage entries (lineage.json#3), separated by commas";

    private const int MaxKeys = 10_000;

    /// <summary>One cell per key, in order: its recipe, its latent for a model with <paramref name="latentDim"/> components, and the class a PNG recorded.</summary>
    public static IReadOnlyList<ProvenanceCell> Resolve(string list, int latentDim, float? truncation, string option)
    {
        var cells = new List<ProvenanceCell>();
        foreach (var key in list.Split(',', StringSplitOptions.TrimEntries))
        {
            if (Range().Match(key) is { Success: true } range)
            {
                var (first, last) = (long.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture));
                if (last < first || last - first >= MaxKeys - cells.Count)
                    throw new UserException($"{option}: the range '{key}' must run upwards and hold at most {MaxKeys} seeds in all");
                for (var seed = first; seed <= last; seed++) cells.Add(FromSeed(seed, latentDim, truncation));
            }
            else if (long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)) cells.Add(FromSeed(seed, latentDim, truncation));
            else if (key.Contains(".png", StringComparison.OrdinalIgnoreCase)) cells.Add(FromPng(key, latentDim, option));
            else if (key.Contains(".json#", StringComparison.OrdinalIgnoreCase)) cells.AddRange(FromLineage(key, latentDim, option));
            else throw new UserException($"{option}: '{key}' is not one of {Syntax}");
            if (cells.Count > MaxKeys) throw new UserException($"{option} names more than {MaxKeys} latents");
        }
        return cells;
    }

    /// <summary>The cells of <paramref name="count"/> consecutive seeds from <paramref name="first"/>.</summary>
    public static IReadOnlyList<ProvenanceCell> Seeds(long first, int count, int latentDim, float? truncation) =>
        [.. Enumerable.Range(0, count).Select(i => FromSeed(first + i, latentDim, truncation))];

    /// <summary>Splits <c>FILE.png#N</c> into the file and the image index (null without <c>#N</c>).</summary>
    public static (string File, int? Index) SplitIndex(string key)
    {
        var hash = key.LastIndexOf('#');
        return hash > 0 && int.TryParse(key[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? (key[..hash], index) : (key, null);
    }

    private static ProvenanceCell FromSeed(long seed, int latentDim, float? truncation)
    {
        var recipe = new SeedRecipe(seed, truncation);
        return new ProvenanceCell(recipe, Commands.Common.UserErrors(() => recipe.Evaluate(latentDim)));
    }

    private static ProvenanceCell FromPng(string key, int latentDim, string option)
    {
        var (file, index) = SplitIndex(key);
        var provenance = ProvenancePng.Read(file).Require();
        var count = provenance.Cells.Count;
        if (index is null && count > 1)
            throw new UserException($"{option}: {file} holds {count} images; pick one as {file}#N with N from 0 to {count - 1}");
        if (index >= count)
            throw new UserException($"{option}: {file} holds {count} image(s), so {key} is out of range (0 to {count - 1})");
        var cell = provenance.Cells[index ?? 0];
        if (cell.Latent.Length != latentDim)
            throw new UserException($"{option}: {key} holds a latent of {cell.Latent.Length} values (from {provenance.Source.Model}); this model's latents have {latentDim}");
        return cell;
    }

    private static IEnumerable<ProvenanceCell> FromLineage(string key, int latentDim, string option)
    {
        var hash = key.LastIndexOf('#');
        var (file, which) = (key[..hash], key[(hash + 1)..]);
        if (!File.Exists(file)) throw new UserException($"{option}: no lineage file at '{file}'");
        var lineage = Commands.Common.UserErrors(() => Creation.Lineage.Load(file));
        var entries = which == "favourites"
            ? lineage.Entries.Where(e => e.Favourite).ToList()
            : int.TryParse(which, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? [Commands.Common.UserErrors(() => lineage[id])]
                : throw new UserException($"{option}: '{key}' names no lineage entry: use {file}#ID or {file}#favourites");
        if (entries.Count == 0) throw new UserException($"{option}: {file} has no favourites yet (mark some with 'atelier favourite {file} ID')");
        foreach (var entry in entries)
        {
            var latent = ProvenanceCell.ParseLatent(entry.Latent) ?? throw new UserException($"{option}: {file}#{entry.Id} holds no readable latent");
            if (latent.Length != latentDim)
                throw new UserException($"{option}: {file}#{entry.Id} holds a latent of {latent.Length} values (from {lineage.Model}); this model's latents have {latentDim}");
            yield return new ProvenanceCell(Commands.Common.UserErrors(() => Recipe.Parse(entry.Recipe)), latent, entry.Class);
        }
    }

    [GeneratedRegex(@"^(\d+)-(\d+)$")]
    private static partial Regex Range();
}
