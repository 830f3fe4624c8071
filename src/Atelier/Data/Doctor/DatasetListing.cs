using Atelier.Imaging;

namespace Atelier.Data.Doctor;

/// <summary>
/// The files of a folder as the doctor sees them, in the layouts <see cref="ImageFolder"/> reads: image files (with
/// their class sub-folder when there are class sub-folders), top-level images of a labelled folder, and other files.
/// Hidden files and folders and <c>__MACOSX</c> are skipped, as by <see cref="ImageFolder"/>.
/// </summary>
internal sealed record DatasetListing(IReadOnlyList<(string Path, string? Class)> Images, IReadOnlyList<string> Misplaced, IReadOnlyList<string> Ignored, bool Labelled)
{
    private static readonly EnumerationOptions TopLevel = new() { RecurseSubdirectories = false };
    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true };

    /// <summary>Files with an image extension, including formats Atelier cannot decode (reported, not ignored).</summary>
    public static bool IsImageName(string path) =>
        ImageDecoder.HasImageExtension(path) || ImageSniffer.UnsupportedExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static DatasetListing Find(string root)
    {
        var ignored = new List<string>();
        var topImages = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*", TopLevel))
            (IsImageName(file) ? topImages : ignored).Add(Relative(root, file));
        var classes = new List<(string Path, string? Class)>();
        foreach (string directory in Directory.EnumerateDirectories(root, "*", TopLevel))
        {
            string name = Path.GetFileName(directory);
            if (name == "__MACOSX") continue;
            foreach (string file in Directory.EnumerateFiles(directory, "*", Recursive))
            {
                if (IsImageName(file)) classes.Add((Relative(root, file), name));
                else ignored.Add(Relative(root, file));
            }
        }
        ignored.Sort(StringComparer.Ordinal);
        topImages.Sort(StringComparer.Ordinal);
        classes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        if (classes.Count == 0)
            return new DatasetListing([.. topImages.Select(p => (p, (string?)null))], [], ignored, Labelled: false);
        return new DatasetListing(classes, topImages, ignored, Labelled: true);
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
}
