using System.Globalization;

namespace Atelier.Data.Procedural;

/// <summary>
/// The procedural datasets by name, as a data argument gives them: <c>shapes</c> or <c>patterns</c>,
/// optionally followed by settings, e.g. <c>shapes:count=5000,seed=7</c>.
/// </summary>
public static class ProceduralDatasets
{
    /// <summary>Images generated when the data argument does not say (5,000 for training, 1,000 held out).</summary>
    public const int DefaultCount = 6000;

    /// <summary>The smallest image side the datasets draw.</summary>
    public const int MinSize = 8;

    private static readonly string[] SettingNames = ["count", "seed"];

    /// <summary>The dataset names, in the order they are listed to users.</summary>
    public static IReadOnlyList<string> Names { get; } = ["shapes", "patterns"];

    /// <summary>Whether <paramref name="data"/> names a procedural dataset (with or without settings).</summary>
    public static bool IsProcedural(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int colon = data.IndexOf(':');
        return Names.Contains(colon < 0 ? data : data[..colon]);
    }

    /// <summary>Parses <c>name</c> or <c>name:setting=value,...</c>; settings are count (≥ 2) and seed (any 64-bit integer).</summary>
    /// <exception cref="ArgumentException">The name is unknown, or a setting is unknown, repeated, or has a bad value.</exception>
    public static ProceduralDataSettings Parse(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int colon = data.IndexOf(':');
        string name = colon < 0 ? data : data[..colon];
        if (!Names.Contains(name))
            throw new ArgumentException($"'{name}' is not a procedural dataset; use one of: {string.Join(", ", Names)}.", nameof(data));
        var settings = new ProceduralDataSettings(name);
        if (colon < 0)
            return settings;

        var seen = new HashSet<string>();
        foreach (string part in data[(colon + 1)..].Split(','))
        {
            int equals = part.IndexOf('=');
            string key = equals < 0 ? part.Trim() : part[..equals].Trim();
            string value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            if (!SettingNames.Contains(key))
                throw new ArgumentException($"'{data}': unknown setting '{key}'; valid settings are {string.Join(", ", SettingNames.Select(s => s + "="))} (e.g. {name}:count=5000,seed=7).", nameof(data));
            if (!seen.Add(key))
                throw new ArgumentException($"'{data}': the setting '{key}' is given twice; give it once.", nameof(data));
            if (key == "count")
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 2)
                    throw new ArgumentException($"'{data}': count must be a whole number of at least 2 (images for training and held out), got '{value}'.", nameof(data));
                settings = settings with { Count = count };
            }
            else
            {
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seed))
                    throw new ArgumentException($"'{data}': seed must be a whole number, got '{value}'.", nameof(data));
                settings = settings with { Seed = seed };
            }
        }
        return settings;
    }

    /// <summary>The class names of the dataset called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a procedural dataset.</exception>
    public static IReadOnlyList<string> ClassNames(string name) => name switch
    {
        "shapes" => Shapes.ClassNames,
        "patterns" => Patterns.ClassNames,
        _ => throw new ArgumentException($"'{name}' is not a procedural dataset; use one of: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// The images of <paramref name="settings"/> as (N, channels, size, size) in [0, 1]; with
    /// <paramref name="channels"/> = 1 the colour images become their BT.601 luma 0.299 R + 0.587 G + 0.114 B.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, count below 1, size below 8, or channels neither 1 nor 3.</exception>
    public static LabelledImages Generate(ProceduralDataSettings settings, int size, int channels = 3)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), $"Channels must be 1 (grey) or 3 (RGB), got {channels}.");
        var images = settings.Name switch
        {
            "shapes" => Shapes.Generate(settings.Count, size, settings.Seed),
            "patterns" => Patterns.Generate(settings.Count, size, settings.Seed),
            _ => throw new ArgumentException($"'{settings.Name}' is not a procedural dataset; use one of: {string.Join(", ", Names)}.", nameof(settings)),
        };
        return channels == 3 ? images : new LabelledImages(ToGrey(images.Images), images.Labels);
    }

    /// <summary>Images held out of <paramref name="count"/>: one in six, at least 1 and at most 1,000.</summary>
    public static int HeldOutCount(int count) => Math.Clamp(count / 6, 1, 1000);

    /// <summary>
    /// <paramref name="count"/> labelled images of <paramref name="classes"/> balanced classes, image i drawn by
    /// <paramref name="draw"/> from its own generator (seed, salt, i) and its label.
    /// </summary>
    internal static LabelledImages Render(int count, int size, long seed, ulong salt, int classes, Func<Generator, int, Func<float, float, System.Numerics.Vector3>> draw)
    {
        CheckArguments(count, size);
        var labels = BalancedLabels(count, classes, seed, salt);
        var images = Rasterizer.RenderAll(count, size, seed, salt, (random, i) => draw(random, labels[i]));
        return new LabelledImages(images, labels);
    }

    internal static void CheckArguments(int count, int size)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), $"The image count must be at least 1, got {count}.");
        if (size < MinSize)
            throw new ArgumentOutOfRangeException(nameof(size), $"Procedural images must be at least {MinSize}x{MinSize} pixels, got {size}.");
        if ((long)count * 3 * size * size > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(count), $"{count:N0} images of 3x{size}x{size} are more floats than one tensor can hold; use fewer images or a smaller size.");
    }

    /// <summary>
    /// Labels where each block of <paramref name="classes"/> consecutive images holds every class
    /// once, in an order drawn from (seed, salt, block): label i depends only on (seed, i).
    /// </summary>
    internal static int[] BalancedLabels(int count, int classes, long seed, ulong salt)
    {
        var labels = new int[count];
        var block = new int[classes];
        for (int start = 0; start < count; start += classes)
        {
            for (int k = 0; k < classes; k++)
                block[k] = k;
            Rasterizer.ImageGenerator(seed, ~salt, start / classes).Shuffle(block.AsSpan());
            block.AsSpan(0, Math.Min(classes, count - start)).CopyTo(labels.AsSpan(start));
        }
        return labels;
    }

    private static Tensor ToGrey(Tensor rgb)
    {
        int count = rgb.Dim(0), plane = rgb.Dim(2) * rgb.Dim(3);
        var grey = new Tensor(count, 1, rgb.Dim(2), rgb.Dim(3));   // (N, 1, H, W)
        var source = rgb.Data;
        var target = grey.Data;
        for (int n = 0; n < count; n++)
        {
            int from = n * 3 * plane, to = n * plane;
            for (int p = 0; p < plane; p++)
                target[to + p] = 0.299f * source[from + p] + 0.587f * source[from + plane + p] + 0.114f * source[from + 2 * plane + p];
        }
        return grey;
    }
}
