namespace Atelier.IO;

/// <summary>Writes files so that readers see either the old file or the complete new one.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to a temporary file next to <paramref name="path"/>, then renames it over <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a temporary file in the same folder (so the rename stays on one
    /// file system and is atomic), flushes it to disk, then renames it over <paramref name="path"/>.
    /// On any failure the temporary file is removed and the old file is left untouched.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Keep the original error; a stray temporary file is the lesser problem.
        }
    }
}
