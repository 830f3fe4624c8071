using System.Security.Cryptography;
using Atelier.Checkpoints;
using Atelier.Data;
using Atelier.NN;

namespace Atelier.Evaluation;

/// <summary>
/// Where trained feature extractors are kept, each under a content hash of what made it (the training images' pixels and
/// labels, the kind of network and its recipe), so a dataset's extractor is trained once and reused by every run and
/// command: <see cref="IO.CacheFolders.Extractors"/>.
/// </summary>
public static class ExtractorCache
{
    /// <summary>Changes whenever the networks or their training recipes change, so older files are not mistaken for current ones.</summary>
    public const string RecipeVersion = "conv-features-v1";

    public static string Directory() => IO.CacheFolders.Extractors;

    /// <summary>The first 16 hex digits of a SHA-256 over the images' shape, pixels and labels, the kind and the recipe.</summary>
    public static string DataHash(LabelledImages images, string kind, string recipe)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{RecipeVersion}|{kind}|{recipe}|{ShapeMath.Format(images.Images.Dims)}"));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(images.Images.ToArray().AsSpan()));
        if (images.Labels is not null) sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(images.Labels.AsSpan()));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    public static string PathOf(string kind, string dataHash) => Path.Combine(Directory(), $"{kind}-{dataHash}.safetensors");

    /// <summary>The cached file's contents, or null when there is none; a damaged file is reported through <paramref name="note"/> and ignored.</summary>
    public static SafetensorsContents? TryRead(string path, Action<string>? note)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return SafetensorsFile.Read(path);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            note?.Invoke($"note: the cached feature extractor {path} cannot be read ({e.Message}); training it again");
            return null;
        }
    }

    /// <summary>Stores a trained network with its description; a cache that cannot be written is reported and skipped, never fatal.</summary>
    public static void Write(string path, Module network, IReadOnlyDictionary<string, string> metadata, Action<string>? note)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Checkpoint.Save(path, [("", network)], metadata: metadata);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            note?.Invoke($"note: could not keep the feature extractor in {Directory()} ({e.Message}); it will be trained again next time (set ATELIER_CACHE to a writable folder)");
        }
    }
}
