using Atelier.Imaging;

namespace Atelier.Provenance;

/// <summary>One generated image, alone in its file.</summary>
public sealed record SingleImageLayout : ImageLayout
{
    public override IReadOnlyList<Image> Render(Tensor images) =>
        images.Dim(0) == 1 ? [ImageTensors.ToImage(images, 0, 0f, 1f)] : throw new ArgumentException($"a single-image file holds 1 image, got {images.Dim(0)}");

    public override byte[] Encode(IReadOnlyList<Image> pictures, IReadOnlyList<PngText> text) => PngEncoder.Encode(pictures[0], text);

    public override Image CellPicture(IReadOnlyList<Image> pictures, int index, int width, int height) => pictures[0];

    public override string ToString() => "image";
}
