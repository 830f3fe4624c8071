using System.Text.Json;
using System.Text.RegularExpressions;
using Atelier.IO;

namespace Atelier.Creation;

/// <summary>
/// The named latents (bookmarks) and directions of a run, kept in the run's <c>latents.json</c>, so that
/// expressions such as <c>smile - neutral + seed 7</c> and strips along <c>smile</c> can name them.
/// </summary>
public sealed partial class LatentLibrary
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private LatentLibrary(SortedDictionary<string, Bookmark> bookmarks, SortedDictionary<string, LatentDirection> directions) =>
        (_bookmarks, _directions) = (bookmarks, directions);

    private readonly SortedDictionary<string, Bookmark> _bookmarks;
    private readonly SortedDictionary<string, LatentDirection> _directions;

    public IReadOnlyDictionary<string, Bookmark> Bookmarks => _bookmarks;

    public IReadOnlyDictionary<string, LatentDirection> Directions => _directions;

    /// <summary>The library in <paramref name="path"/>, or an empty one when there is no such file.</summary>
    /// <exception cref="FormatException">The file is not a latent library.</exception>
    public static LatentLibrary Load(string path)
    {
        if (!File.Exists(path)) return new([], []);
        try
        {
            var file = JsonSerializer.Deserialize<LibraryFile>(File.ReadAllBytes(path), Json) ?? throw new FormatException($"{path} is empty");
            return new(new(file.Bookmarks ?? []), new(file.Directions ?? []));
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not a latent library ({e.Message})");
        }
    }

    public void Save(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(new LibraryFile(_bookmarks, _directions), Json));

    /// <exception cref="ArgumentException">The name is not a valid name, or a direction already has it.</exception>
    public void SetBookmark(string name, Bookmark bookmark)
    {
        CheckName(name);
        if (_directions.ContainsKey(name)) throw new ArgumentException($"'{name}' already names a direction; bookmarks and directions need different names");
        _bookmarks[name] = bookmark;
    }

    /// <exception cref="ArgumentException">The name is not a valid name, or a bookmark already has it.</exception>
    public void SetDirection(string name, LatentDirection direction)
    {
        CheckName(name);
        if (_bookmarks.ContainsKey(name)) throw new ArgumentException($"'{name}' already names a bookmark; bookmarks and directions need different names");
        _directions[name] = direction;
    }

    /// <summary>Removes the bookmark or direction of this name; false when there is none.</summary>
    public bool Remove(string name) => _bookmarks.Remove(name) || _directions.Remove(name);

    /// <summary>A name starts with a letter and holds letters, digits, '_' and '-'; "seed" is taken by the expression syntax.</summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name) && name != "seed";

    private static void CheckName(string name)
    {
        if (!IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid name: start with a letter, then letters, digits, _ or - (and not 'seed')");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex ValidName();

    private sealed record LibraryFile(SortedDictionary<string, Bookmark>? Bookmarks, SortedDictionary<string, LatentDirection>? Directions);
}
