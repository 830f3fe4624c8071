using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Atelier.IO;

namespace Atelier.Data;

/// <summary>
/// Decoded image folders kept on disk, so that loading an unchanged folder again reads one file
/// instead of decoding every image. A cache file holds the 8-bit planes (N, C, size, size) that the
/// tensor is made of (value = byte / 255), under a name that is the SHA-256 of everything the result
/// depends on: each file's full path, length and last-write time, its label, the size, channels,
/// resampling and background. A file that is missing, short or fails its checksum is treated as absent.
/// </summary>
internal static class ImageFolderCache
{
    // Bump when decoding or resizing changes what a folder decodes to, so old entries are not reused.
    private const int FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "ATLIMGC1"u8;
    private const int HeaderSize = 8 + 4 + 8 + 32;   // magic, version, payload length, payload SHA-256

    /// <summary>The cache folder: <paramref name="configured"/> when given, else <see cref="IO.CacheFolders.Images"/>.</summary>
    public static string Directory(string? configured) => !string.IsNullOrEmpty(configured) ? configured : IO.CacheFolders.Images;

    /// <summary>The cache file for these files decoded with these settings.</summary>
    public static string PathFor(string directory, IReadOnlyList<string> files, int[]? labels, int size, int channels, ImageFolderOptions options)
    {
        var key = new StringBuilder();
        key.Append($"v{FormatVersion}|{size}|{channels}|{options.Resampling}|{options.Background}\n");
        for (int i = 0; i < files.Count; i++)
        {
            var info = new FileInfo(files[i]);
            key.Append($"{files[i]}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{labels?[i] ?? -1}\n");
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
        return Path.Combine(directory, hash + ".images");
    }

    /// <summary>The cached planes of exactly <paramref name="length"/> bytes, or null when the file is absent or damaged.</summary>
    public static byte[]? TryRead(string path, long length)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length != HeaderSize + length)
                return null;
            Span<byte> header = stackalloc byte[HeaderSize];
            stream.ReadExactly(header);
            if (!header[..8].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != FormatVersion
                || BinaryPrimitives.ReadInt64LittleEndian(header[12..]) != length)
                return null;
            var payload = new byte[length];
            stream.ReadExactly(payload);
            return SHA256.HashData(payload).AsSpan().SequenceEqual(header[20..]) ? payload : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the planes atomically; a cache that cannot be written is skipped silently.</summary>
    public static void TryWrite(string path, byte[] planes)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var header = new byte[HeaderSize];
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), planes.LongLength);
            SHA256.HashData(planes).CopyTo(header.AsSpan(20));
            AtomicFile.Write(path, stream =>
            {
                stream.Write(header);
                stream.Write(planes);
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache only saves time; loading has already succeeded.
        }
    }
}
