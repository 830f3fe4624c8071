using Atelier.Data;
using Atelier.Models;

namespace Atelier.Training;

/// <summary>The images a run trains on and the held-out images it is evaluated on.</summary>
public sealed record TrainingData(LabelledImages Train, LabelledImages HeldOut, string Description)
{
    /// <summary>
    /// Resolves a data argument: "mnist" (the bundled digits, 9,000 / 1,000), an IDX image file, or a
    /// folder of PNG images (resized and centre-cropped to the model's size). For a file or folder the
    /// last 10% (at most 1,000) of the images are held out.
    /// </summary>
    public static TrainingData Load(string data, ModelSpec spec)
    {
        if (data == "mnist")
        {
            RequireShape(spec, 1, 28, "the bundled MNIST digits");
            return new TrainingData(Mnist.Train, Mnist.HeldOut, "bundled MNIST (9,000 train / 1,000 held out)");
        }
        if (File.Exists(data))
        {
            var images = Mnist.FromIdx(IdxFile.ReadImages(data), labels: null);
            RequireShape(spec, 1, images.Images.Dim(2), data);
            if (images.Images.Dim(2) != spec.ImageSize || images.Images.Dim(3) != spec.ImageSize)
                throw new DatasetFormatException(data, $"images are {images.Images.Dim(2)}x{images.Images.Dim(3)} but {spec.Name} needs {spec.ImageSize}x{spec.ImageSize}");
            return Split(images, $"{Path.GetFileName(data)} ({images.Count} images)");
        }
        if (Directory.Exists(data))
        {
            var folder = ImageFolder.Load(data, spec.ImageSize, spec.Channels);
            return Split(folder.Data, $"{data} ({folder.Data.Count} images)");
        }
        throw new DirectoryNotFoundException($"no dataset at '{data}': give 'mnist', an IDX image file (*-idx3-ubyte[.gz]) or a folder of PNG images");
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
