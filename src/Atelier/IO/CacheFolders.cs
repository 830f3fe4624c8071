namespace Atelier.IO;

/// <summary>
/// Where Atelier keeps what it can rebuild (decoded images, trained feature extractors): $ATELIER_CACHE when set, else
/// $XDG_CACHE_HOME/atelier, else ~/.cache/atelier; each kind in its own sub-folder.
/// </summary>
public static class CacheFolders
{
    public static string Root()
    {
        if (Environment.GetEnvironmentVariable("ATELIER_CACHE") is { Length: > 0 } configured) return configured;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return Path.Combine(!string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "atelier");
    }

    public static string Images => Path.Combine(Root(), "images");

    public static string Extractors => Path.Combine(Root(), "extractors");
}
