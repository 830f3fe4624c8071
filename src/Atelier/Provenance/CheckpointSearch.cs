namespace Atelier.Provenance;

/// <summary>
/// Finds the checkpoint that made an image by its SHA-256: in the run or checkpoint the user names, then at
/// the path the image records and beside it. A file with another hash is never used in its place.
/// </summary>
public static class CheckpointSearch
{
    /// <summary>The path of the checkpoint whose SHA-256 is <paramref name="source"/>'s.</summary>
    /// <param name="run">A run directory or checkpoint file given by the user, or null.</param>
    /// <exception cref="ProvenanceException">No such checkpoint, or <paramref name="run"/> is a checkpoint file with another hash.</exception>
    public static string Find(ModelSource source, string? run)
    {
        if (run is not null && System.IO.File.Exists(run))
        {
            var hash = ModelSource.Sha256Of(run);
            return hash == source.Sha256 ? run : throw new ProvenanceException(
                $"{run} is a different checkpoint (SHA-256 {Short(hash)}) from the one that made the image ({Short(source.Sha256)}, " +
                $"recorded as {source.Checkpoint}): a run trained further or another run; it is not used");
        }
        if (run is not null && !Directory.Exists(run)) throw new DirectoryNotFoundException($"no run directory or checkpoint at '{run}'");
        var places = new List<string>();
        if (run is not null) places.AddRange([Path.Combine(run, "checkpoints"), run]);
        var recorded = Path.GetDirectoryName(source.Checkpoint);
        if (recorded is not null) places.Add(recorded);
        var candidates = (System.IO.File.Exists(source.Checkpoint) ? [source.Checkpoint] : Array.Empty<string>())
            .Concat(places.Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d, "*.safetensors").Order()))
            .Select(Path.GetFullPath).Distinct().ToList();
        foreach (var candidate in candidates)
        {
            if (ModelSource.Sha256Of(candidate) == source.Sha256) return candidate;
        }
        var looked = candidates.Count == 0
            ? $"no checkpoints found in {string.Join(" or ", places.Distinct())}"
            : $"{candidates.Count} checkpoint(s) found have other hashes (the run was trained further? train with --save-every-epoch to keep every epoch's checkpoint)";
        throw new ProvenanceException($"the checkpoint that made the image (SHA-256 {Short(source.Sha256)}, recorded as {source.Checkpoint}) is not at hand: {looked}; name it with --run");
    }

    private static string Short(string sha256) => sha256.Length > 16 ? $"{sha256[..16]}…" : sha256;
}
