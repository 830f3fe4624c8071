using System.Text;
using Atelier.IO;

namespace Atelier.Data;

/// <summary>
/// A list of the images to train on, as written by <c>atelier data check</c>: the images of one folder
/// (its root), each with its class. <see cref="ImageFolder.LoadManifest"/> loads exactly these images.
/// </summary>
/// <remarks>
/// The file is UTF-8 text. Its first line is <c># atelier manifest v1</c>, its second <c>root: FOLDER</c>
/// (the image folder, relative to the manifest's own folder or absolute). Every further line is one image:
/// its path relative to the root with '/' separators, then, when the images are labelled, a tab and its class.
/// Blank lines and lines starting with '#' are ignored. Classes are numbered in ordinal order of their names,
/// as for a folder with one sub-folder per class.
/// </remarks>
public sealed class ImageManifest
{
    /// <summary>The first line of every manifest.</summary>
    public const string Header = "# atelier manifest v1";

    private const string HeaderStart = "# atelier manifest";
    private const string RootKey = "root: ";

    /// <summary>Creates a manifest of <paramref name="entries"/> under the folder <paramref name="root"/> (kept as a full path).</summary>
    /// <exception cref="ArgumentException">An entry's path is empty, absolute, or holds a tab or line break; entries mix labelled and unlabelled; or a path is listed twice.</exception>
    public ImageManifest(string root, IReadOnlyList<ImageManifestEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(entries);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            string? problem = PathProblem(entry.Path) ?? (entry.Class is string c && (c.Length == 0 || c.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0) ? $"the class '{c}' of {entry.Path} is empty or holds a tab or line break" : null);
            if (problem is not null) throw new ArgumentException(problem, nameof(entries));
            if (!seen.Add(entry.Path)) throw new ArgumentException($"{entry.Path} is listed twice", nameof(entries));
        }
        if (entries.Any(e => e.Class is null) && entries.Any(e => e.Class is not null))
            throw new ArgumentException("some images have a class and some do not; label all of them or none", nameof(entries));
        Root = Path.GetFullPath(root);
        Entries = entries;
    }

    /// <summary>The full path of the folder the entries' paths are relative to.</summary>
    public string Root { get; }

    /// <summary>The images, in the order they are loaded.</summary>
    public IReadOnlyList<ImageManifestEntry> Entries { get; }

    /// <summary>Whether the file at <paramref name="path"/> exists and starts like a manifest (<c># atelier manifest</c>).</summary>
    public static bool IsManifest(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            var buffer = new char[HeaderStart.Length];
            return reader.ReadBlock(buffer) == buffer.Length && new string(buffer) == HeaderStart;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads the manifest at <paramref name="path"/> and checks that its root folder and every listed file exist.</summary>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="DatasetFormatException">The manifest is damaged, its root folder is gone, or a listed image is missing.</exception>
    public static ImageManifest Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"The manifest {path} does not exist.", path);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0 || lines[0].TrimEnd() != Header)
        {
            string found = lines.Length == 0 ? "nothing" : $"'{Shorten(lines[0])}'";
            throw new DatasetFormatException(path, $"is not an atelier manifest v1: its first line should be '{Header}', found {found}; write it again with 'atelier data check'");
        }
        if (lines.Length < 2 || !lines[1].StartsWith(RootKey, StringComparison.Ordinal) || lines[1].Length == RootKey.Length)
            throw new DatasetFormatException(path, "line 2 should name the image folder as 'root: FOLDER'; write the manifest again with 'atelier data check'");
        string rootText = lines[1][RootKey.Length..].Trim();
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, rootText));
        if (!Directory.Exists(root))
            throw new DatasetFormatException(path, $"its root folder {rootText} ({root}) does not exist; if the folder moved, fix the 'root:' line or run 'atelier data check' on it again");

        var entries = new List<ImageManifestEntry>();
        for (int i = 2; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (parts.Length > 2 || PathProblem(parts[0]) is not null || (parts.Length == 2 && parts[1].Length == 0))
                throw new DatasetFormatException(path, $"line {i + 1} is not 'PATH' or 'PATH<tab>CLASS' with a relative path: '{Shorten(line)}'");
            entries.Add(new ImageManifestEntry(parts[0], parts.Length == 2 ? parts[1] : null));
        }
        if (entries.Count == 0)
            throw new DatasetFormatException(path, "lists no images; run 'atelier data check' on the folder again");
        ImageManifest manifest;
        try
        {
            manifest = new ImageManifest(root, entries);
        }
        catch (ArgumentException ex)
        {
            throw new DatasetFormatException(path, $"{ex.Message.Split(" (Parameter")[0]}; fix the manifest or write it again with 'atelier data check'");
        }
        foreach (var entry in entries)
        {
            if (!File.Exists(manifest.FullPath(entry)))
                throw new DatasetFormatException(path, $"lists {entry.Path}, which is not in {rootText} ({root}); restore the file, remove its line, or run 'atelier data check' again");
        }
        return manifest;
    }

    /// <summary>The full path of <paramref name="entry"/>'s file.</summary>
    public string FullPath(ImageManifestEntry entry) => Path.Combine(Root, entry.Path.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes the manifest to <paramref name="path"/>, its root relative to the manifest's folder, with <paramref name="comments"/> as '#' lines after the root.</summary>
    public void Write(string path, IEnumerable<string>? comments = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        text.Append(RootKey).Append(Path.GetRelativePath(folder, Root).Replace(Path.DirectorySeparatorChar, '/')).Append('\n');
        foreach (string comment in comments ?? [])
            text.Append("# ").Append(comment.ReplaceLineEndings(" ")).Append('\n');
        foreach (var entry in Entries)
        {
            text.Append(entry.Path);
            if (entry.Class is not null) text.Append('\t').Append(entry.Class);
            text.Append('\n');
        }
        AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text.ToString()));
    }

    private static string? PathProblem(string path)
    {
        if (string.IsNullOrEmpty(path)) return "an image path is empty";
        if (path.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0) return $"the path '{path}' holds a tab or line break";
        if (Path.IsPathRooted(path) || path.StartsWith('/')) return $"the path '{path}' is absolute; paths are relative to the root folder";
        return null;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
