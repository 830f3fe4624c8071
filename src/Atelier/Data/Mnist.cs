namespace Atelier.Data;

/// <summary>
/// The bundled MNIST subset: 10,000 digits of 28x28 (CC BY-SA 3.0, see data/mnist/ATTRIBUTION.md),
/// compiled into the library. The first 9,000 are the training split, the last 1,000 the held-out split.
/// </summary>
public static class Mnist
{
    public const int TrainCount = 9000;
    public const int HeldOutCount = 1000;

    private static readonly Lazy<LabelledImages> s_all = new(Load);

    /// <summary>All 10,000 digits as (N, 1, 28, 28) in [0, 1] with labels 0-9.</summary>
    public static LabelledImages All => s_all.Value;

    public static LabelledImages Train => All.Range(0, TrainCount);

    public static LabelledImages HeldOut => All.Range(TrainCount, HeldOutCount);

    /// <summary>Reads an IDX image file (and optionally its label file) as (N, 1, rows, columns) in [0, 1].</summary>
    public static LabelledImages FromIdx(IdxImages images, byte[]? labels)
    {
        var tensor = new Tensor(images.Count, 1, images.Rows, images.Columns);
        var data = tensor.Data;
        var pixels = images.Pixels;
        for (var i = 0; i < pixels.Length; i++) data[i] = pixels[i] / 255f;
        if (labels is not null && labels.Length != images.Count)
            throw new DatasetFormatException("labels", $"the label file has {labels.Length} labels but the image file has {images.Count} images");
        return new LabelledImages(tensor, labels?.Select(l => (int)l).ToArray());
    }

    private static LabelledImages Load()
    {
        var assembly = typeof(Mnist).Assembly;
        using var images = assembly.GetManifestResourceStream("mnist-images.gz") ?? throw new InvalidOperationException("the bundled MNIST images are missing from the build");
        using var labels = assembly.GetManifestResourceStream("mnist-labels.gz") ?? throw new InvalidOperationException("the bundled MNIST labels are missing from the build");
        return FromIdx(IdxFile.ReadImages(images, "mnist-images.gz"), IdxFile.ReadLabels(labels, "mnist-labels.gz"));
    }
}
