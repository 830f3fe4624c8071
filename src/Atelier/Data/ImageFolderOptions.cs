using Atelier.Imaging;

namespace Atelier.Data;

/// <summary>Limits and choices for <see cref="ImageFolder.Load"/>.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>
    /// At most 100,000 images, decoded on 2 threads, transparency composited over black, area
    /// resampling, decoded folders cached in the default cache folder.
    /// </summary>
    public static ImageFolderOptions Default { get; } = new();

    /// <summary>Largest number of images accepted; a folder with more is rejected before anything is decoded.</summary>
    public int MaxImages
    {
        get;
        init
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(MaxImages), $"MaxImages must be at least 1, got {value}.");
            field = value;
        }
    } = 100_000;

    /// <summary>Number of files decoded at the same time.</summary>
    public int Threads
    {
        get;
        init
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(Threads), $"Threads must be at least 1, got {value}.");
            field = value;
        }
    } = 2;

    /// <summary>The grey level (0 to 255) that transparent pixels are composited over.</summary>
    public byte Background { get; init; }

    /// <summary>How images are scaled to the requested size (after the centre crop).</summary>
    public Resampling Resampling { get; init; } = Resampling.Area;

    /// <summary>
    /// Keep each decoded folder in a cache file and read it back while no image file changes
    /// (path, length or last-write time); false decodes every time and writes nothing.
    /// </summary>
    public bool UseCache { get; init; } = true;

    /// <summary>
    /// Where cache files go; null means images/ in $ATELIER_CACHE if set, else $XDG_CACHE_HOME/atelier/images,
    /// else ~/.cache/atelier/images.
    /// </summary>
    public string? CacheDirectory { get; init; }
}
