namespace Atelier.Data;

/// <summary>Limits and choices for <see cref="ImageFolder.Load"/>.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>At most 100,000 images, decoded on 2 threads, transparency composited over black.</summary>
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
}
