using Atelier.Imaging;

namespace Atelier.Provenance;

/// <summary>Images in rows of <c>Columns</c>, <c>Padding</c> black pixels apart (<see cref="ImageTensors.Grid"/>).</summary>
public sealed record GridLayout(int Columns, int Padding = 2) : ImageLayout
{
    public override IReadOnlyList<Image> Render(Tensor images) => [ImageTensors.Grid(images, 0f, 1f, Columns, Padding)];

    public override byte[] Encode(IReadOnlyList<Image> pictures, IReadOnlyList<PngText> text) => PngEncoder.Encode(pictures[0], text);

    public override Image CellPicture(IReadOnlyList<Image> pictures, int index, int width, int height)
    {
        var grid = pictures[0];
        var cell = new Image(width, height, grid.Channels);
        int x = Padding + index % Columns * (width + Padding), y = Padding + index / Columns * (height + Padding);
        if (x + width > grid.Width || y + height > grid.Height)
            throw new ImageFormatException($"image {index} of {width}x{height} lies outside the {grid.Width}x{grid.Height} grid");
        for (var row = 0; row < height; row++)
            grid.GetRow(y + row).Slice(x * grid.Channels, width * grid.Channels).CopyTo(cell.GetRow(row));
        return cell;
    }

    public override string ToString() => $"grid columns={Columns} padding={Padding}";
}
