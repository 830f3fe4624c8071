using System.Globalization;
using Atelier.Imaging;

namespace Atelier.Provenance;

/// <summary>
/// A map of thumbnails: a grid of <c>Columns</c> x <c>Rows</c> slots, <c>Padding</c> black pixels apart, image i in slot
/// <c>Slots[i]</c> and the other slots left black (<c>atlas columns=20 rows=20 padding=1 slots=17,3,...</c>).
/// </summary>
public sealed record AtlasLayout(int Columns, int Rows, int Padding, IReadOnlyList<int> Slots) : ImageLayout
{
    public override IReadOnlyList<Image> Render(Tensor images)
    {
        if (images.Dim(0) != Slots.Count) throw new ArgumentException($"an atlas of {Slots.Count} slots got {images.Dim(0)} images");
        var (height, width) = (images.Dim(2), images.Dim(3));
        var thumbnails = ImageTensors.ToImages(images, 0f, 1f);
        var map = new Image(Padding + Columns * (width + Padding), Padding + Rows * (height + Padding), thumbnails[0].Channels);
        for (var i = 0; i < thumbnails.Count; i++)
        {
            var (x, y) = Corner(Slots[i], width, height);
            for (var row = 0; row < height; row++)
                thumbnails[i].GetRow(row).CopyTo(map.GetRow(y + row).Slice(x * map.Channels));
        }
        return [map];
    }

    public override byte[] Encode(IReadOnlyList<Image> pictures, IReadOnlyList<PngText> text) => PngEncoder.Encode(pictures[0], text);

    public override Image CellPicture(IReadOnlyList<Image> pictures, int index, int width, int height)
    {
        var map = pictures[0];
        var (x, y) = Corner(Slots[index], width, height);
        if (x + width > map.Width || y + height > map.Height)
            throw new ImageFormatException($"image {index} of {width}x{height} lies outside the {map.Width}x{map.Height} atlas");
        var cell = new Image(width, height, map.Channels);
        for (var row = 0; row < height; row++)
            map.GetRow(y + row).Slice(x * map.Channels, width * map.Channels).CopyTo(cell.GetRow(row));
        return cell;
    }

    /// <summary>The top-left pixel of a slot.</summary>
    public (int X, int Y) Corner(int slot, int width, int height) => (Padding + slot % Columns * (width + Padding), Padding + slot / Columns * (height + Padding));

    public override string ToString() =>
        $"atlas columns={Columns} rows={Rows} padding={Padding} slots={string.Join(',', Slots.Select(s => s.ToString(CultureInfo.InvariantCulture)))}";

    public bool Equals(AtlasLayout? other) => other is not null && (Columns, Rows, Padding) == (other.Columns, other.Rows, other.Padding) && Slots.SequenceEqual(other.Slots);

    public override int GetHashCode() => HashCode.Combine(Columns, Rows, Padding, Slots.Count);
}
