using System.Text.Json;
using System.Text.Json.Serialization;
using Atelier.IO;

namespace Atelier.Creation;

/// <summary>
/// The family tree of bred latents, kept in a JSON file that grows over generations: every parent and child, each
/// child listing its parents and how it was made. Any entry can be a parent of the next generation (<c>lineage.json#3</c>).
/// </summary>
public sealed class Lineage
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly List<LineageEntry> _entries;

    private Lineage(string model, List<LineageEntry> entries) => (Model, _entries) = (model, entries);

    /// <summary>The catalog name of the model whose latents these are.</summary>
    public string Model { get; }

    public IReadOnlyList<LineageEntry> Entries => _entries;

    public static Lineage Empty(string model) => new(model, []);

    /// <summary>The lineage in <paramref name="path"/>, or an empty one for <paramref name="model"/> when there is no such file.</summary>
    /// <exception cref="FormatException">The file is not a lineage, or belongs to another model.</exception>
    public static Lineage LoadOrCreate(string path, string model)
    {
        if (!File.Exists(path)) return Empty(model);
        var lineage = Load(path);
        if (lineage.Model != model) throw new FormatException($"{path} is the lineage of {lineage.Model} latents, not {model}'s");
        return lineage;
    }

    /// <exception cref="FormatException">The file is not a lineage.</exception>
    public static Lineage Load(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<LineageFile>(File.ReadAllBytes(path), Json);
            if (file?.Model is null || file.Entries is null) throw new FormatException($"{path} is not a lineage file (no model or entries)");
            return new Lineage(file.Model, [.. file.Entries]);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not a lineage file ({e.Message})");
        }
    }

    public void Save(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(new LineageFile(Model, [.. _entries]), Json));

    /// <exception cref="ArgumentException">No entry has this id.</exception>
    public LineageEntry this[int id] => _entries.FirstOrDefault(e => e.Id == id)
        ?? throw new ArgumentException($"the lineage has no entry #{id} (its ids run from 0 to {_entries.Count - 1})");

    /// <summary>The id of the entry with exactly this latent, adding it as an entry of generation 0 when there is none.</summary>
    public int Include(string recipe, string latent, int? label, string made, string? image)
    {
        var existing = _entries.FirstOrDefault(e => e.Latent == latent);
        return existing?.Id ?? Add(0, recipe, latent, label, [], made, image).Id;
    }

    /// <summary>Adds a child one generation after its youngest parent.</summary>
    public LineageEntry AddChild(string recipe, string latent, int? label, int[] parents, string made, string image) =>
        Add(parents.Max(p => this[p].Generation) + 1, recipe, latent, label, parents, made, image);

    /// <summary>Marks (or unmarks) entries as favourites.</summary>
    public void SetFavourite(IEnumerable<int> ids, bool favourite)
    {
        foreach (var id in ids)
        {
            var entry = this[id];
            _entries[_entries.IndexOf(entry)] = entry with { Favourite = favourite };
        }
    }

    private LineageEntry Add(int generation, string recipe, string latent, int? label, int[] parents, string made, string? image)
    {
        var entry = new LineageEntry(_entries.Count == 0 ? 0 : _entries.Max(e => e.Id) + 1, generation, recipe, latent, label, parents, made, image);
        _entries.Add(entry);
        return entry;
    }

    private sealed record LineageFile(string Model, LineageEntry[] Entries);
}
