using Atelier.Imaging;

namespace Atelier.Provenance;

/// <summary>An animated PNG with one frame per image, each shown <c>DelayCentiseconds</c>; repeating forever when <c>Loop</c>.</summary>
public sealed record AnimationLayout(int DelayCentiseconds, bool Loop) : ImageLayout
{
    public override IReadOnlyList<Image> Render(Tensor images) => ImageTensors.ToImages(images, 0f, 1f);

    public override byte[] Encode(IReadOnlyList<Image> pictures, IReadOnlyList<PngText> text) => ApngEncoder.Encode(pictures, DelayCentiseconds, Loop, text);

    public override IReadOnlyList<Image> Decode(byte[] file) => ApngDecoder.Decode(file);

    public override Image CellPicture(IReadOnlyList<Image> pictures, int index, int width, int height) => pictures[index];

    public override string ToString() => $"animation delay={DelayCentiseconds}cs {(Loop ? "loop" : "once")}";
}
