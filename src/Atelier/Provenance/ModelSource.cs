using System.Security.Cryptography;

namespace Atelier.Provenance;

/// <summary>The model that made an image: its catalog name, and the checkpoint file it was loaded from with that file's SHA-256.</summary>
public sealed record ModelSource(string Model, string Checkpoint, string Sha256)
{
    /// <summary>The source for a checkpoint file: its absolute path, and its SHA-256 computed now.</summary>
    public static ModelSource Of(string model, string checkpoint) => new(model, Path.GetFullPath(checkpoint), Sha256Of(checkpoint));

    /// <summary>The SHA-256 of a file's bytes, in lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
