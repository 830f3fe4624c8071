using System.Runtime.ExceptionServices;
using Atelier.Imaging;

namespace Atelier.Data;

/// <summary>
/// Loads a folder of PNG, BMP and JPEG images for training, in one of two layouts: every image directly in the
/// folder (unlabelled), or one sub-folder per class, each searched recursively (labelled, classes
/// in ordinal order of their folder names, as torchvision's <c>ImageFolder</c>).
/// </summary>
/// <remarks>
/// Files are recognised by the extensions <c>.png</c>, <c>.bmp</c>, <c>.jpg</c> and <c>.jpeg</c> in
/// any letter case and decoded by their content (<see cref="ImageDecoder"/>); other files are skipped
/// silently, as are hidden files and folders (names starting with a dot on Unix), macOS
/// <c>__MACOSX</c> folders and sub-folders without any image. Each image is converted to the requested
/// channels (alpha composited over <see cref="ImageFolderOptions.Background"/>), its short side
/// scaled to the requested size and its long side centre-cropped (<see cref="Resize.ToSquare"/>,
/// with <see cref="ImageFolderOptions.Resampling"/>). Unless <see cref="ImageFolderOptions.UseCache"/>
/// is off, the decoded folder is kept in a cache file and read back on the next load as long as no
/// image file's path, length or last-write time has changed.
/// </remarks>
public static class ImageFolder
{
    private static readonly EnumerationOptions TopLevel = new() { RecurseSubdirectories = false };
    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true };

    /// <summary>
    /// Reads every image of the folder at <paramref name="path"/> as <paramref name="size"/> ×
    /// <paramref name="size"/> images with <paramref name="channels"/> channels (1 = grey, 3 = RGB).
    /// Images are ordered by class, then by path within the class.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 1, or <paramref name="channels"/> is neither 1 nor 3.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="DatasetFormatException">The folder holds no image, too many, a mix of layouts, or a file that does not decode.</exception>
    public static ImageFolderDataset Load(string path, int size, int channels, ImageFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), $"The image size must be at least 1 pixel, got {size}.");
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), $"Channels must be 1 (grey) or 3 (RGB), got {channels}.");
        options ??= ImageFolderOptions.Default;

        string folder = Path.GetFullPath(path);
        if (!Directory.Exists(folder))
        {
            if (File.Exists(folder))
                throw new DirectoryNotFoundException($"{path} is a file, not a folder; pass the folder that holds the .png, .bmp or .jpg images.");
            throw new DirectoryNotFoundException($"The image folder {path} does not exist; pass a folder of .png, .bmp or .jpg images (or of one sub-folder per class).");
        }

        var (files, labels, classNames) = FindImages(folder, path);
        return LoadFiles(files, labels, classNames, path, size, channels, options);
    }

    /// <summary>
    /// Reads exactly the images an <see cref="ImageManifest"/> lists (as written by <c>atelier data check</c>), in its
    /// order, each with its listed class; otherwise as <see cref="Load"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="DatasetFormatException">The manifest is damaged, its folder or a listed image is missing, or an image does not decode.</exception>
    public static ImageFolderDataset LoadManifest(string manifestPath, int size, int channels, ImageFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), $"The image size must be at least 1 pixel, got {size}.");
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), $"Channels must be 1 (grey) or 3 (RGB), got {channels}.");
        var manifest = ImageManifest.Read(manifestPath);
        var files = manifest.Entries.Select(manifest.FullPath).ToList();
        if (manifest.Entries[0].Class is null)
            return LoadFiles(files, null, [], manifestPath, size, channels, options ?? ImageFolderOptions.Default);
        var classNames = manifest.Entries.Select(e => e.Class!).Distinct().Order(StringComparer.Ordinal).ToArray();
        var labels = manifest.Entries.Select(e => Array.BinarySearch(classNames, e.Class, StringComparer.Ordinal)).ToArray();
        return LoadFiles(files, labels, classNames, manifestPath, size, channels, options ?? ImageFolderOptions.Default);
    }

    private static ImageFolderDataset LoadFiles(List<string> files, int[]? labels, string[] classNames, string path, int size, int channels, ImageFolderOptions options)
    {
        if (files.Count > options.MaxImages)
            throw new DatasetFormatException(path, $"holds {files.Count:N0} images, more than the limit of {options.MaxImages:N0}; use a smaller folder or raise the image limit.");
        long floats = (long)files.Count * channels * size * size;
        if (floats > Array.MaxLength)
            throw new DatasetFormatException(path, $"{files.Count:N0} images of {channels}x{size}x{size} need {floats:N0} floats, more than one tensor can hold ({Array.MaxLength:N0}); use fewer images or a smaller size.");

        string? cacheFile = options.UseCache ? ImageFolderCache.PathFor(ImageFolderCache.Directory(options.CacheDirectory), files, labels, size, channels, options) : null;
        var planes = cacheFile is null ? null : ImageFolderCache.TryRead(cacheFile, floats);   // (N, C, H, W) bytes
        if (planes is null)
        {
            planes = Decode(files, path, size, channels, options);
            if (cacheFile is not null)
                ImageFolderCache.TryWrite(cacheFile, planes);
        }

        var images = new Tensor(files.Count, channels, size, size);   // (N, C, H, W)
        var data = images.Data;
        for (int i = 0; i < planes.Length; i++)
            data[i] = planes[i] / 255f;
        return new ImageFolderDataset(new LabelledImages(images, labels), classNames, files);
    }

    // The images' planes as bytes (N, C, size, size), decoded in parallel.
    private static byte[] Decode(List<string> files, string path, int size, int channels, ImageFolderOptions options)
    {
        int perImage = channels * size * size;
        var planes = new byte[(long)files.Count * perImage];
        var errors = new Exception?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, (i, loop) =>
        {
            try
            {
                var image = ImageChannels.Convert(ImageDecoder.Decode(files[i]), channels, options.Background);
                var square = Resize.ToSquare(image, size, options.Resampling);
                int pixels = size * size;
                for (int c = 0; c < channels; c++)
                {
                    for (int p = 0; p < pixels; p++)
                        planes[(long)i * perImage + c * pixels + p] = square.Pixels[p * channels + c];
                }
            }
            catch (Exception ex) when (ex is ImageFormatException or IOException or UnauthorizedAccessException)
            {
                errors[i] = ex;
                // Break (not Stop) still runs every earlier file, so the error reported is always the first in file order.
                loop.Break();
            }
        });
        foreach (var error in errors)
        {
            if (error is ImageFormatException format)
                throw new DatasetFormatException(format.FileName ?? path, $"cannot be read as an image: {format.Problem}; fix or remove the file.", format);
            if (error is not null)
                ExceptionDispatchInfo.Throw(error);
        }
        return planes;
    }

    private static (List<string> Files, int[]? Labels, string[] ClassNames) FindImages(string folder, string path)
    {
        var topLevel = Sorted(Directory.EnumerateFiles(folder, "*", TopLevel).Where(ImageDecoder.HasImageExtension));
        var classes = new List<(string Name, List<string> Files)>();
        foreach (string directory in Directory.EnumerateDirectories(folder, "*", TopLevel))
        {
            string name = Path.GetFileName(directory);
            if (name == "__MACOSX")
                continue;
            var files = Sorted(Directory.EnumerateFiles(directory, "*", Recursive).Where(ImageDecoder.HasImageExtension));
            if (files.Count > 0)
                classes.Add((name, files));
        }
        classes.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        if (topLevel.Count == 0 && classes.Count == 0)
            throw new DatasetFormatException(path, "no PNG, BMP or JPEG images found; put .png, .bmp or .jpg files in it or in one sub-folder per class.");
        if (topLevel.Count > 0 && classes.Count > 0)
            throw new DatasetFormatException(path, $"has images both at the top level ({topLevel.Count}) and in sub-folders ({string.Join(", ", classes.Select(c => c.Name))}); put all images directly in the folder (unlabelled) or all in one sub-folder per class.");
        if (classes.Count == 0)
            return (topLevel, null, []);

        var all = new List<string>();
        var labels = new List<int>();
        for (int label = 0; label < classes.Count; label++)
        {
            all.AddRange(classes[label].Files);
            labels.AddRange(Enumerable.Repeat(label, classes[label].Files.Count));
        }
        return (all, [.. labels], [.. classes.Select(c => c.Name)]);
    }

    private static List<string> Sorted(IEnumerable<string> files)
    {
        var list = files.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
