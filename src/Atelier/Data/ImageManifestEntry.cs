namespace Atelier.Data;

/// <summary>One image of an <see cref="ImageManifest"/>: its path relative to the manifest's root, with '/' separators, and its class (null when unlabelled).</summary>
public sealed record ImageManifestEntry(string Path, string? Class);
