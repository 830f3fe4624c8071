using System.Globalization;
using Atelier.Imaging;

namespace Atelier.Data.Doctor;

/// <summary>
/// Checks an image folder (flat, or one sub-folder per class) before training: files that do not decode (and why),
/// exact and near duplicates, sizes, aspect ratios, channel modes and class balance; and makes a clean
/// <see cref="ImageManifest"/> without the unusable files and with one image of each duplicate group.
/// </summary>
public static class DatasetDoctor
{
    private const int MaxNamedOutliers = 10;

    /// <summary>Checks every image of the folder at <paramref name="path"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist, or is a file.</exception>
    /// <exception cref="DatasetFormatException">The folder is empty or holds no image files.</exception>
    public static DatasetCheck Check(string path, DatasetDoctorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= DatasetDoctorOptions.Default;
        string root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            if (File.Exists(root))
                throw new DirectoryNotFoundException($"{path} is a file, not a folder; pass the folder that holds the images.");
            throw new DirectoryNotFoundException($"The folder {path} does not exist; pass a folder of .png, .bmp or .jpg images (or of one sub-folder per class).");
        }
        var listing = DatasetListing.Find(root);
        if (listing.Images.Count == 0 && listing.Misplaced.Count == 0)
        {
            if (listing.Ignored.Count == 0)
                throw new DatasetFormatException(path, "is empty; put .png, .bmp or .jpg images in it, or one sub-folder of images per class.");
            throw new DatasetFormatException(path, $"holds {listing.Ignored.Count} file(s) but no images (.png, .bmp, .jpg, .jpeg); put the images in it, or one sub-folder of images per class.");
        }

        var inspected = new InspectedImage[listing.Images.Count];
        Parallel.For(0, inspected.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads },
            i => inspected[i] = InspectedImage.Inspect(root, listing.Images[i].Path, listing.Images[i].Class));

        var unusable = listing.Misplaced
            .Select(p => new FileIssue(p, FileIssueKind.Misplaced, "an image at the top level of a folder with class sub-folders; move it into its class folder"))
            .Concat(inspected.Where(f => f.Problem is not null).Select(f => f.Problem!))
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var readable = inspected.Where(f => f.Problem is null).ToList();
        var duplicates = FindDuplicates(readable, options.NearThreshold);
        var dropped = duplicates.SelectMany(g => g.Dropped).ToHashSet(StringComparer.Ordinal);
        var kept = readable.Where(f => !dropped.Contains(f.Path)).ToList();

        return new DatasetCheck
        {
            Root = root,
            Labelled = listing.Labelled,
            ImageFiles = listing.Images.Count + listing.Misplaced.Count,
            Ignored = listing.Ignored,
            Unusable = unusable,
            Warnings = [.. readable.Where(f => f.Warning is not null).Select(f => f.Warning!)],
            Duplicates = duplicates,
            Sizes = Counts(readable, f => $"{f.Width}x{f.Height}"),
            Aspects = Counts(readable, f => ((double)f.Width / f.Height).ToString("0.00", CultureInfo.InvariantCulture)),
            Modes = Counts(readable, f => f.Mode),
            Formats = Counts(readable, f => f.Format),
            Classes = listing.Labelled ? ClassBalance(kept) : [],
            NearThreshold = options.NearThreshold,
            Manifest = new ImageManifest(root, [.. kept.Select(f => new ImageManifestEntry(f.Path, f.Class))]),
        };
    }

    // Exact groups by pixel hash, then near pairs among one image per exact group, joined into groups by union-find.
    private static List<DuplicateGroup> FindDuplicates(List<InspectedImage> images, double threshold)
    {
        var parent = Enumerable.Range(0, images.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        void Join(int a, int b) => parent[Find(b)] = Find(a);

        var firstWithHash = new Dictionary<string, int>(StringComparer.Ordinal);
        var representatives = new List<int>();
        for (int i = 0; i < images.Count; i++)
        {
            if (firstWithHash.TryGetValue(images[i].PixelHash, out int first)) Join(first, i);
            else
            {
                firstWithHash[images[i].PixelHash] = i;
                representatives.Add(i);
            }
        }
        foreach (var (a, b, _) in NearDuplicates.Pairs([.. representatives.Select(i => images[i].Thumbnail)], threshold))
            Join(representatives[a], representatives[b]);

        var groups = new List<DuplicateGroup>();
        foreach (var members in Enumerable.Range(0, images.Count).GroupBy(Find).Where(g => g.Count() > 1))
        {
            var files = members.Select(i => images[i]).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            bool exact = files.All(f => f.PixelHash == files[0].PixelHash);
            double distance = files.Max(f => ImageFingerprint.Distance(f.Thumbnail, files[0].Thumbnail));
            groups.Add(new DuplicateGroup(exact, [.. files.Select(f => f.Path)], exact ? 0 : Math.Round(distance, 4)));
        }
        groups.Sort((a, b) => string.CompareOrdinal(a.Kept, b.Kept));
        return groups;
    }

    private static List<ValueCount> Counts(List<InspectedImage> images, Func<InspectedImage, string> value)
    {
        var groups = images.GroupBy(value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return [.. groups.Select((g, rank) =>
        {
            bool outlier = rank > 0 && g.Count() <= images.Count / 10.0;
            return new ValueCount(g.Key, g.Count(), outlier ? [.. g.Select(f => f.Path).Take(MaxNamedOutliers)] : []);
        })];
    }

    private static List<ClassCount> ClassBalance(List<InspectedImage> kept)
    {
        var counts = kept.GroupBy(f => f.Class!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Count: g.Count())).ToList();
        double mean = counts.Count == 0 ? 0 : counts.Average(c => c.Count);
        return [.. counts.Select(c => new ClassCount(c.Key, c.Count, c.Count < mean / 3))];
    }
}
