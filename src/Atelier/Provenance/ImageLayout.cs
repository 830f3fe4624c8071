using System.Globalization;
using Atelier.Imaging;

namespace Atelier.Provenance;

/// <summary>
/// How a file arranges its generated images, so that they can be rendered again exactly: <c>image</c> (one),
/// <c>grid columns=8 padding=2</c>, <c>animation delay=8cs loop</c> (an APNG, one frame per image), or an <see cref="AtlasLayout"/>.
/// </summary>
public abstract record ImageLayout
{
    /// <summary>The pictures of the file from images (N, C, H, W) in [0, 1]: one, or one per animation frame.</summary>
    public abstract IReadOnlyList<Image> Render(Tensor images);

    /// <summary>The PNG (or APNG) file of <paramref name="pictures"/> with <paramref name="text"/>.</summary>
    public abstract byte[] Encode(IReadOnlyList<Image> pictures, IReadOnlyList<PngText> text);

    /// <summary>The pictures of a file written with this layout.</summary>
    public virtual IReadOnlyList<Image> Decode(byte[] file) => [PngDecoder.Decode(file)];

    /// <summary>Image <paramref name="index"/> (of <paramref name="width"/> x <paramref name="height"/> pixels) as it appears in the file's <paramref name="pictures"/>.</summary>
    public abstract Image CellPicture(IReadOnlyList<Image> pictures, int index, int width, int height);

    /// <summary>The text form, which <see cref="Parse"/> reads back.</summary>
    public abstract override string ToString();

    /// <exception cref="FormatException">The text names no layout.</exception>
    public static ImageLayout Parse(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var settings = new Dictionary<string, string>();
        foreach (var pair in words.Skip(1).Where(w => w.Contains('=')).Select(w => w.Split('=', 2))) settings[pair[0]] = pair[1];
        int Setting(string name, int minimum, string suffix = "") =>
            settings.TryGetValue(name, out var value) && value.EndsWith(suffix, StringComparison.Ordinal) && int.TryParse(value[..^suffix.Length], out var n) && n >= minimum
                ? n : throw new FormatException($"layout '{text}': no valid {name}= setting");
        return words.FirstOrDefault() switch
        {
            "image" when words.Length == 1 => new SingleImageLayout(),
            "grid" => new GridLayout(Setting("columns", 1), Setting("padding", 0)),
            "animation" => new AnimationLayout(Setting("delay", 0, "cs"), words.Contains("loop")),
            "atlas" => Atlas(Setting("columns", 1), Setting("rows", 1), Setting("padding", 0)),
            _ => throw new FormatException($"layout '{text}' is none of image, grid, animation, atlas"),
        };

        AtlasLayout Atlas(int columns, int rows, int padding)
        {
            var slots = settings.TryGetValue("slots", out var list) ? list.Split(',').Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList() : [];
            if (slots.Count == 0 || slots.Any(n => n < 0 || n >= columns * rows) || slots.Distinct().Count() != slots.Count)
                throw new FormatException($"layout '{(text.Length > 80 ? text[..80] + "…" : text)}': no valid slots= setting (distinct slots from 0 to {columns * rows - 1})");
            return new AtlasLayout(columns, rows, padding, slots);
        }
    }
}
