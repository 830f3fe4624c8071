namespace Atelier.Data.Doctor;

/// <summary>What <see cref="DatasetDoctor.Check"/> found in a folder, and the clean manifest of the images to train on.</summary>
public sealed record DatasetCheck
{
    /// <summary>The full path of the checked folder.</summary>
    public required string Root { get; init; }

    /// <summary>Whether the images are in class sub-folders.</summary>
    public required bool Labelled { get; init; }

    /// <summary>Files with an image extension that were checked.</summary>
    public required int ImageFiles { get; init; }

    /// <summary>Other files (not images by their extension), skipped as training skips them.</summary>
    public required IReadOnlyList<string> Ignored { get; init; }

    /// <summary>Files left out because they cannot be used, each with its reason.</summary>
    public required IReadOnlyList<FileIssue> Unusable { get; init; }

    /// <summary>Problems with files that are still used (e.g. a JPEG named .png).</summary>
    public required IReadOnlyList<FileIssue> Warnings { get; init; }

    /// <summary>Groups of exact and near duplicates; all but the first of each are left out.</summary>
    public required IReadOnlyList<DuplicateGroup> Duplicates { get; init; }

    /// <summary>Readable images per size ("WxH"), most common first.</summary>
    public required IReadOnlyList<ValueCount> Sizes { get; init; }

    /// <summary>Readable images per aspect ratio (width / height to two decimals), most common first.</summary>
    public required IReadOnlyList<ValueCount> Aspects { get; init; }

    /// <summary>Readable images per channel mode as stored (grey, grey+alpha, RGB, RGBA, palette, CMYK), most common first.</summary>
    public required IReadOnlyList<ValueCount> Modes { get; init; }

    /// <summary>Readable images per file format (PNG, BMP, JPEG), most common first.</summary>
    public required IReadOnlyList<ValueCount> Formats { get; init; }

    /// <summary>Images per class in the manifest, in class order; empty when unlabelled.</summary>
    public required IReadOnlyList<ClassCount> Classes { get; init; }

    /// <summary>The near-duplicate threshold used.</summary>
    public required double NearThreshold { get; init; }

    /// <summary>The images to train on: every readable image but the dropped duplicates.</summary>
    public required ImageManifest Manifest { get; init; }

    /// <summary>Images that decoded.</summary>
    public int Readable => ImageFiles - Unusable.Count;
}
