namespace Atelier.Data;

/// <summary>The images of a folder as read by <see cref="ImageFolder.Load"/>.</summary>
public sealed class ImageFolderDataset
{
    internal ImageFolderDataset(LabelledImages data, IReadOnlyList<string> classNames, IReadOnlyList<string> files)
    {
        Data = data;
        ClassNames = classNames;
        Files = files;
    }

    /// <summary>
    /// The images as (N, C, size, size) in [0, 1], in the order of <see cref="Files"/>; labels are
    /// indices into <see cref="ClassNames"/>, or null when the folder has no class sub-folders.
    /// </summary>
    public LabelledImages Data { get; }

    /// <summary>The class sub-folder names in ordinal order (label i is ClassNames[i]); empty when unlabelled.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The full path of each image's file, image i from Files[i].</summary>
    public IReadOnlyList<string> Files { get; }
}
