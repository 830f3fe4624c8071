namespace Atelier.Data.Doctor;

/// <summary>What is wrong with a file that <see cref="DatasetDoctor"/> looked at.</summary>
public enum FileIssueKind
{
    /// <summary>The file has 0 bytes.</summary>
    Empty,

    /// <summary>The file cannot be opened or read (permissions, I/O error).</summary>
    Unreadable,

    /// <summary>The content is not an image at all (e.g. text with an image extension).</summary>
    NotAnImage,

    /// <summary>An image format, or a variant of one, that Atelier does not decode (GIF, WebP, TIFF, progressive JPEG without TurboJPEG...).</summary>
    UnsupportedFormat,

    /// <summary>The file ends before the image does.</summary>
    Truncated,

    /// <summary>The decoder found damaged data.</summary>
    Corrupt,

    /// <summary>An image at the top level of a folder whose other images are in class sub-folders.</summary>
    Misplaced,

    /// <summary>A file name a manifest cannot list (it holds a tab or line break).</summary>
    BadName,

    /// <summary>A readable image whose extension names another format (kept: images are decoded by content).</summary>
    WrongExtension,
}
