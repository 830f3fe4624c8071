using Atelier.Data;
using Atelier.Imaging;
using Atelier.Data.Procedural;
using Atelier.Models;

namespace Atelier.Training;

/// <summary>The images a run trains on and the held-out images it is evaluated on.</summary>
public sealed record TrainingData(LabelledImages Train, LabelledImages HeldOut, string Description)
{
    private static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>The name of each label (label i is ClassNames[i]); empty when the images have no labels.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>
    /// Resolves a data argument: "mnist" (the bundled digits, 9,000 / 1,000), a procedural dataset
    /// ("shapes" or "patterns", optionally with settings such as "shapes:count=5000,seed=7"; see
    /// <see cref="ProceduralDatasets"/>), an IDX image file, a folder of images, or an image manifest written by <c>atelier data check</c> (images resized and
    /// centre-cropped to the model's size). For a file or folder the last 10% (at most 1,000) of the
    /// images are held out; for a procedural set one in six (at most 1,000: 5,000 / 1,000 by default).
    /// </summary>
    /// <param name="resampling">How folder images are scaled to the model's size.</param>
    /// <param name="randomCrop">
    /// Keep training images 1/8 larger than the model's size, for <see cref="BatchAugmentation"/>'s random crops (held-out
    /// images are centre-cropped to the model's size). Image folders and procedural sets only: their images can be made larger.
    /// </param>
    public static TrainingData Load(string data, ModelSpec spec, Resampling resampling = Resampling.Area, bool randomCrop = false)
    {
        if (!randomCrop) return LoadAt(data, spec, spec.ImageSize, resampling);
        if (!ProceduralDatasets.IsProcedural(data) && !Directory.Exists(data) && !ImageManifest.IsManifest(data))
            throw new DatasetFormatException(data, "random crops need images larger than the model's: they apply to image folders, manifests, shapes and patterns");
        var loaded = LoadAt(data, spec, spec.ImageSize + Math.Max(1, spec.ImageSize / 8), resampling);
        return loaded with { HeldOut = CentreCrop(loaded.HeldOut, spec.ImageSize) };
    }

    private static LabelledImages CentreCrop(LabelledImages images, int size)
    {
        var (n, c, h, w) = (images.Count, images.Images.Dim(1), images.Images.Dim(2), images.Images.Dim(3));
        var (top, left) = ((h - size) / 2, (w - size) / 2);
        var cropped = new Tensor(n, c, size, size); // (N, C, size, size)
        var source = images.Images.Data;
        var target = cropped.Data;
        for (var plane = 0; plane < n * c; plane++)
            for (var y = 0; y < size; y++)
                source.Slice((plane * h + top + y) * w + left, size).CopyTo(target.Slice((plane * size + y) * size, size));
        return new LabelledImages(cropped, images.Labels);
    }

    private static TrainingData LoadAt(string data, ModelSpec spec, int size, Resampling resampling)
    {
        if (data == "mnist")
        {
            RequireShape(spec, 1, 28, "the bundled MNIST digits");
            return new TrainingData(Mnist.Train, Mnist.HeldOut, "bundled MNIST (9,000 train / 1,000 held out)") { ClassNames = Digits };
        }
        if (data.StartsWith("mnist:", StringComparison.Ordinal))
            return MnistSubset(data, spec);
        if (ProceduralDatasets.IsProcedural(data))
            return Procedural(data, spec, size);
        if (ImageManifest.IsManifest(data))
        {
            var listed = ImageFolder.LoadManifest(data, size, spec.Channels, ImageFolderOptions.Default with { Resampling = resampling });
            return Split(listed.Data, $"{data} ({listed.Data.Count} images)") with { ClassNames = listed.ClassNames };
        }
        if (File.Exists(data))
        {
            var labelFile = LabelFileBeside(data);
            var images = Mnist.FromIdx(IdxFile.ReadImages(data), labelFile is null ? null : IdxFile.ReadLabels(labelFile));
            RequireShape(spec, 1, images.Images.Dim(2), data);
            if (images.Images.Dim(2) != spec.ImageSize || images.Images.Dim(3) != spec.ImageSize)
                throw new DatasetFormatException(data, $"images are {images.Images.Dim(2)}x{images.Images.Dim(3)} but {spec.Name} needs {spec.ImageSize}x{spec.ImageSize}");
            var split = Split(images, $"{Path.GetFileName(data)} ({images.Count} images{(labelFile is null ? "" : $", labels from {Path.GetFileName(labelFile)}")})");
            return images.Labels is null ? split : split with { ClassNames = [.. Enumerable.Range(0, images.Labels.Max() + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))] };
        }
        if (Directory.Exists(data))
        {
            var folder = ImageFolder.Load(data, size, spec.Channels, ImageFolderOptions.Default with { Resampling = resampling });
            return Split(folder.Data, $"{data} ({folder.Data.Count} images)") with { ClassNames = folder.ClassNames };
        }
        throw new DirectoryNotFoundException($"no dataset at '{data}': give 'mnist', 'shapes', 'patterns', an IDX image file (*-idx3-ubyte[.gz]), a folder of images or a manifest from 'atelier data check'");
    }

    /// <summary>"mnist:count=N": the first N bundled training digits (a small-data setting), held out as usual.</summary>
    private static TrainingData MnistSubset(string data, ModelSpec spec)
    {
        RequireShape(spec, 1, 28, "the bundled MNIST digits");
        var setting = data["mnist:".Length..];
        if (!setting.StartsWith("count=", StringComparison.Ordinal) || !int.TryParse(setting["count=".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            || count < 2 || count > Mnist.Train.Count)
            throw new DatasetFormatException(data, $"the bundled digits take one setting, count=N with N from 2 to {Mnist.Train.Count:N0} (e.g. mnist:count=500)");
        return new TrainingData(Mnist.Train.Range(0, count), Mnist.HeldOut, $"the first {count:N0} bundled MNIST digits (1,000 held out)") { ClassNames = Digits };
    }

    /// <summary>The IDX label file of an image file, by MNIST's naming (train-images-idx3-ubyte beside train-labels-idx1-ubyte), if present.</summary>
    private static string? LabelFileBeside(string imageFile)
    {
        var name = Path.GetFileName(imageFile);
        var labels = name.Replace("images", "labels", StringComparison.Ordinal).Replace("idx3", "idx1", StringComparison.Ordinal);
        if (labels == name) return null;
        var path = Path.Combine(Path.GetDirectoryName(imageFile) ?? "", labels);
        return File.Exists(path) ? path : null;
    }

    private static TrainingData Procedural(string data, ModelSpec spec, int size)
    {
        var settings = ProceduralDatasets.Parse(data);
        if (spec.ImageSize < ProceduralDatasets.MinSize)
            throw new DatasetFormatException(data, $"{spec.Name} makes {spec.ImageSize}x{spec.ImageSize} images but procedural images are at least {ProceduralDatasets.MinSize}x{ProceduralDatasets.MinSize}");
        var images = ProceduralDatasets.Generate(settings, size, spec.Channels);
        int heldOut = ProceduralDatasets.HeldOutCount(settings.Count);
        string colour = spec.Channels == 1 ? "grey" : "colour";
        return new TrainingData(
            images.Range(0, settings.Count - heldOut),
            images.Range(settings.Count - heldOut, heldOut),
            $"procedural {settings.Name}, seed {settings.Seed}, {colour} {spec.ImageSize}x{spec.ImageSize} ({settings.Count - heldOut:N0} train / {heldOut:N0} held out)")
        {
            ClassNames = ProceduralDatasets.ClassNames(settings.Name),
        };
    }

    private static TrainingData Split(LabelledImages images, string description)
    {
        if (images.Count < 2) throw new DatasetFormatException(description, "a dataset needs at least 2 images");
        var heldOut = Math.Clamp(images.Count / 10, 1, 1000);
        return new TrainingData(images.Range(0, images.Count - heldOut), images.Range(images.Count - heldOut, heldOut), description);
    }

    private static void RequireShape(ModelSpec spec, int channels, int size, string what)
    {
        if (spec.Channels != channels || spec.ImageSize != size)
            throw new DatasetFormatException(what, $"{spec.Name} needs {spec.Channels}-channel {spec.ImageSize}x{spec.ImageSize} images");
    }
}
