using System.Buffers.Binary;
using Atelier.Imaging;

namespace Atelier.Tests.Data.Doctor;

/// <summary>
/// A small labelled image folder with planted problems: 21 genuinely different grey images (random discs and bars) in
/// classes birds (6), cats (7), dogs (7, one a PNG named .jpg) and fish (1), plus a truncated PNG, an empty file, text named
/// .png, a JPEG with garbage after its header, an exact copy saved as BMP, a near copy (6 levels brighter, two pixels 30 levels off) and a text file.
/// </summary>
internal static class PlantedFolder
{
    public const int Distinct = 21;

    public static readonly string[] Classes = ["birds", "cats", "dogs", "fish"];

    public static void Write(string root)
    {
        var random = new Random(7);
        var images = new Dictionary<string, Image>();
        foreach (var (prefix, folder, count) in new[] { ("b", "birds", 6), ("c", "cats", 7), ("d", "dogs", 7), ("f", "fish", 1) })
        {
            for (int i = 0; i < count; i++)
            {
                var image = Shapes(random);
                string name = $"{folder}/{prefix}{i:00}{(folder == "dogs" && i == 6 ? ".jpg" : ".png")}";
                images[name] = image;
                Save(root, name, PngEncoder.Encode(image));
            }
        }
        var png = PngEncoder.Encode(images["cats/c01.png"]);
        Save(root, "cats/truncated.png", png[..(png.Length / 2)]);
        Save(root, "cats/empty.png", []);
        Save(root, "dogs/notes.png", "these are my notes, not a picture\n"u8.ToArray());
        Save(root, "dogs/garbage.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, .. Enumerable.Range(0, 200).Select(i => (byte)(i * 37 % 251))]);
        Save(root, "birds/b03z.bmp", Bmp(images["birds/b03.png"]));
        var near = new Image(24, 24, 1, [.. images["cats/c02.png"].Pixels.Select(v => (byte)Math.Min(255, v + 6))]);
        near.Pixels[30] = (byte)Math.Min(255, near.Pixels[30] + 30);
        near.Pixels[301] = (byte)Math.Max(0, near.Pixels[301] - 30);
        Save(root, "cats/c02x.png", PngEncoder.Encode(near));
        Save(root, "readme.txt", "photos of pets\n"u8.ToArray());
    }

    /// <summary>The files left out, with the kind of problem, and the duplicate groups (kept file first).</summary>
    public static readonly (string Path, string Kind)[] Unusable =
    [
        ("cats/empty.png", "Empty"), ("cats/truncated.png", "Truncated"), ("dogs/garbage.jpg", "Corrupt"), ("dogs/notes.png", "NotAnImage"),
    ];

    private static Image Shapes(Random random)
    {
        var image = new Image(24, 24, 1);
        for (int shape = 0; shape < 3; shape++)
        {
            int cx = random.Next(3, 21), cy = random.Next(3, 21), r = random.Next(2, 6), value = random.Next(80, 256);
            bool bar = shape == 2;
            for (int y = 0; y < 24; y++)
                for (int x = 0; x < 24; x++)
                    if (bar ? Math.Abs(x - cx) <= 1 && Math.Abs(y - cy) <= r * 2 : (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                        image.Pixels[y * 24 + x] = (byte)value;
        }
        return image;
    }

    // An uncompressed 24-bit BMP, rows bottom-up, padded to 4 bytes.
    private static byte[] Bmp(Image grey)
    {
        int stride = (grey.Width * 3 + 3) / 4 * 4;
        var file = new byte[54 + stride * grey.Height];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), grey.Width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), grey.Height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24);
        for (int y = 0; y < grey.Height; y++)
            for (int x = 0; x < grey.Width; x++)
                file.AsSpan(54 + (grey.Height - 1 - y) * stride + 3 * x, 3).Fill(grey.Pixels[y * grey.Width + x]);
        return file;
    }

    private static void Save(string root, string name, byte[] bytes)
    {
        string path = Path.Combine(root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
