using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Atelier.Imaging;

namespace Atelier.Provenance;

/// <summary>
/// The PNG text fields that hold an <see cref="ImageProvenance"/>, one per concept (cells one per line, in
/// image order), and their checksum: a SHA-256 over every other field, which detects an edited or damaged
/// field. It is not a signature: anyone can recompute it, so it shows that the fields are as written, not who wrote them.
/// </summary>
public static class ProvenanceFields
{
    public const string Software = "Software";
    public const string Disclaimer = "Disclaimer";
    public const string Model = "atelier:model";
    public const string Checkpoint = "atelier:checkpoint";
    public const string CheckpointSha256 = "atelier:checkpoint-sha256";
    public const string Layout = "atelier:layout";
    public const string Truncation = "atelier:truncation";
    public const string Recipes = "atelier:recipe";
    public const string Classes = "atelier:class";
    public const string Latents = "atelier:latents";
    public const string PixelsSha256 = "atelier:pixels-sha256";
    public const string Checksum = "atelier:checksum";

    /// <summary>Every field in the order written, which is also the order the checksum reads them in.</summary>
    public static readonly string[] Keywords = [Software, Disclaimer, Model, Checkpoint, CheckpointSha256, Layout, Truncation, Recipes, Classes, Latents, PixelsSha256, Checksum];

    public static IReadOnlyList<PngText> Write(ImageProvenance provenance, string pixelsSha256)
    {
        var fields = new Dictionary<string, string>
        {
            [Software] = provenance.Tool,
            [Disclaimer] = provenance.Disclosure,
            [Model] = provenance.Source.Model,
            [Checkpoint] = provenance.Source.Checkpoint,
            [CheckpointSha256] = provenance.Source.Sha256,
            [Layout] = provenance.Layout.ToString(),
            [Truncation] = provenance.Truncation is float t ? t.ToString("R", CultureInfo.InvariantCulture) : "none",
            [Recipes] = string.Join('\n', provenance.Cells.Select(c => c.Recipe.ToString())),
            [Classes] = string.Join('\n', provenance.Cells.Select(c => c.ClassText)),
            [Latents] = string.Join('\n', provenance.Cells.Select(c => c.LatentText)),
            [PixelsSha256] = pixelsSha256,
        };
        fields[Checksum] = ChecksumOf(fields);
        return Keywords.Select(k => new PngText(k, fields[k])).ToList();
    }

    /// <summary>Whether a text field is one of Atelier's own (the standard Software and Disclaimer keywords are shared with other tools).</summary>
    public static bool IsAtelierField(string keyword) => keyword.StartsWith("atelier:", StringComparison.Ordinal);

    /// <summary>Whether a text field is part of the provenance (Atelier's own, or the Software and Disclaimer it writes).</summary>
    public static bool IsProvenanceField(string keyword) => Keywords.Contains(keyword);

    /// <summary>
    /// The provenance in <paramref name="texts"/> (null when a field it needs is missing or unreadable), the
    /// pixel hash it records, and every problem found: missing, repeated or malformed fields, a failed checksum.
    /// </summary>
    public static (ImageProvenance? Provenance, string? PixelsSha256, IReadOnlyList<string> Problems) Read(IReadOnlyList<PngText> texts)
    {
        var problems = new List<string>();
        var fields = new Dictionary<string, string>();
        foreach (var text in texts.Where(t => Keywords.Contains(t.Keyword)))
        {
            if (!fields.TryAdd(text.Keyword, text.Text)) problems.Add($"the {text.Keyword} field appears more than once");
        }
        var missing = Keywords.Where(k => !fields.ContainsKey(k)).ToList();
        if (missing.Count > 0) problems.Add($"missing {string.Join(", ", missing)}");
        if (fields.TryGetValue(Checksum, out var stored) && stored != ChecksumOf(fields))
            problems.Add("the checksum does not match: the provenance fields were edited or damaged after Atelier wrote them");
        if (Keywords.Where(k => k != Checksum).Any(k => !fields.ContainsKey(k))) return (null, null, problems);

        try
        {
            var recipes = fields[Recipes].Split('\n');
            var classes = fields[Classes].Split('\n');
            var latents = fields[Latents].Split('\n');
            if (classes.Length != recipes.Length || latents.Length != recipes.Length)
                throw new FormatException($"the fields list different numbers of images: {recipes.Length} recipes, {classes.Length} classes, {latents.Length} latents");
            var cells = new List<ProvenanceCell>();
            for (var i = 0; i < recipes.Length; i++)
            {
                var latent = DecodeLatent(latents[i], i);
                if (i > 0 && latent.Length != cells[0].Latent.Length)
                    throw new FormatException($"image {i}'s latent has {latent.Length} values, image 0's has {cells[0].Latent.Length}");
                var (label, name) = ParseClass(classes[i], i);
                cells.Add(new ProvenanceCell(Recipe.Parse(recipes[i]), latent, label, name));
            }
            var truncation = fields[Truncation] == "none" ? (float?)null
                : float.TryParse(fields[Truncation], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t
                : throw new FormatException($"truncation '{fields[Truncation]}' is not a number");
            var provenance = new ImageProvenance(new ModelSource(fields[Model], fields[Checkpoint], fields[CheckpointSha256]), ImageLayout.Parse(fields[Layout]), truncation, cells)
            {
                Tool = fields[Software],
                Disclosure = fields[Disclaimer],
            };
            return (provenance, fields[PixelsSha256], problems);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return (null, null, problems);
        }
    }

    /// <summary>SHA-256 over each field present but the checksum itself, as UTF-8 "keyword NUL text NUL", in <see cref="Keywords"/> order.</summary>
    private static string ChecksumOf(IReadOnlyDictionary<string, string> fields)
    {
        var canonical = new StringBuilder();
        foreach (var keyword in Keywords.Where(k => k != Checksum && fields.ContainsKey(k)))
            canonical.Append(keyword).Append('\0').Append(fields[keyword]).Append('\0');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static float[] DecodeLatent(string text, int index) =>
        ProvenanceCell.ParseLatent(text) ?? throw new FormatException($"image {index}'s latent is not base64 of float32 values (truncated or damaged)");

    private static (int? Class, string? Name) ParseClass(string text, int index)
    {
        if (text == "none") return (null, null);
        var parts = text.Split(' ', 2);
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var label)
            ? (label, parts.Length > 1 ? parts[1] : null)
            : throw new FormatException($"image {index}'s class '{text}' is not 'none' or a class number");
    }
}
