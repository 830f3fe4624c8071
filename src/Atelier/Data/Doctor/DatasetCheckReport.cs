using System.Globalization;
using System.Text;
using System.Text.Json;
using Atelier.IO;

namespace Atelier.Data.Doctor;

/// <summary>
/// Writes a <see cref="DatasetCheck"/> for people and tools: a few console lines, <c>report.md</c>, <c>report.json</c>,
/// and the clean <c>manifest.txt</c> that <c>atelier train --data</c> accepts.
/// </summary>
public static class DatasetCheckReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The file names written into the output folder.</summary>
    public const string ManifestFile = "manifest.txt", MarkdownFile = "report.md", JsonFile = "report.json";

    /// <summary>Writes the report files and the manifest into <paramref name="folder"/> (created if needed).</summary>
    public static void Write(DatasetCheck check, string folder)
    {
        Directory.CreateDirectory(folder);
        check.Manifest.Write(Path.Combine(folder, ManifestFile), ManifestComments(check));
        AtomicFile.WriteAllBytes(Path.Combine(folder, MarkdownFile), Encoding.UTF8.GetBytes(Markdown(check)));
        AtomicFile.WriteAllBytes(Path.Combine(folder, JsonFile), JsonSerializer.SerializeToUtf8Bytes(JsonModel(check), Json));
    }

    /// <summary>A few lines for the console: what was checked, what was left out and why, and the summaries.</summary>
    public static IReadOnlyList<string> Summary(DatasetCheck check)
    {
        int droppedDuplicates = check.Duplicates.Sum(g => g.Files.Count - 1);
        var lines = new List<string>
        {
            $"{check.Root}: {check.ImageFiles} image file(s){(check.Labelled ? $" in {check.Classes.Count} classes" : "")}, {check.Ignored.Count} other file(s) ignored",
            $"  unusable:    {check.Unusable.Count}{Kinds(check.Unusable)}",
            $"  duplicates:  {check.Duplicates.Count(g => g.Exact)} exact and {check.Duplicates.Count(g => !g.Exact)} near group(s), {droppedDuplicates} image(s) dropped",
            $"  sizes:       {Values(check.Sizes)}",
            $"  modes:       {Values(check.Modes)}",
        };
        if (check.Labelled)
            lines.Add($"  classes:     {string.Join(", ", check.Classes.Select(c => $"{c.Class} {c.Images}{(c.Low ? " (low)" : "")}"))}");
        if (check.Warnings.Count > 0)
            lines.Add($"  warnings:    {check.Warnings.Count} ({string.Join("; ", check.Warnings.Take(3).Select(w => $"{w.Path}: {w.Reason}"))})");
        lines.Add($"  manifest:    {check.Manifest.Entries.Count} image(s) to train on");
        return lines;
    }

    private static string Kinds(IReadOnlyList<FileIssue> issues) =>
        issues.Count == 0 ? "" : $" ({string.Join(", ", issues.GroupBy(i => i.Kind).Select(g => $"{g.Count()} {Name(g.Key)}"))})";

    private static string Values(IReadOnlyList<ValueCount> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Take(4).Select(v => $"{v.Value} ({v.Count})")) + (counts.Count > 4 ? $", {counts.Count - 4} more" : "");

    private static string Name(FileIssueKind kind) => kind switch
    {
        FileIssueKind.NotAnImage => "not an image",
        FileIssueKind.UnsupportedFormat => "unsupported format",
        FileIssueKind.BadName => "bad name",
        FileIssueKind.WrongExtension => "wrong extension",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static IEnumerable<string> ManifestComments(DatasetCheck check)
    {
        yield return $"Written by 'atelier data check' on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {check.Manifest.Entries.Count} of {check.ImageFiles} image file(s).";
        foreach (var issue in check.Unusable)
            yield return $"left out {issue.Path}: {issue.Reason}";
        foreach (var group in check.Duplicates)
        {
            foreach (string dropped in group.Dropped)
                yield return $"left out {dropped}: {(group.Exact ? "exact" : "near")} duplicate of {group.Kept}";
        }
    }

    private static string Markdown(DatasetCheck check)
    {
        var text = new StringBuilder();
        text.Append($"# Dataset check: {check.Root}\n\n");
        foreach (string line in Summary(check)) text.Append($"    {line}\n");
        text.Append("\n## Unusable files (left out)\n\n");
        AppendList(text, check.Unusable.Select(i => $"`{i.Path}` — {Name(i.Kind)}: {i.Reason}"));
        text.Append("\n## Duplicates (the first of each group is kept)\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Near duplicates: thumbnail distance at most {check.NearThreshold} (grey 32x32, mean removed, unit length).\n\n");
        AppendList(text, check.Duplicates.Select(g =>
            $"{(g.Exact ? "exact" : $"near (distance ≤ {g.MaxDistance.ToString("0.###", CultureInfo.InvariantCulture)})")}: keep `{g.Kept}`, drop {string.Join(", ", g.Dropped.Select(d => $"`{d}`"))}"));
        text.Append("\n## Warnings (files kept)\n\n");
        AppendList(text, check.Warnings.Select(w => $"`{w.Path}`: {w.Reason}"));
        AppendCounts(text, "Sizes", check.Sizes);
        AppendCounts(text, "Aspect ratios (width / height)", check.Aspects);
        AppendCounts(text, "Channel modes", check.Modes);
        AppendCounts(text, "Formats", check.Formats);
        if (check.Labelled)
        {
            text.Append("\n## Classes (images in the manifest; low: under a third of the mean)\n\n| class | images | |\n|---|---|---|\n");
            foreach (var c in check.Classes) text.Append($"| {c.Class} | {c.Images} | {(c.Low ? "low" : "")} |\n");
        }
        text.Append($"\n## Ignored files (not images by their extension)\n\n");
        AppendList(text, check.Ignored.Take(20).Select(p => $"`{p}`").Concat(check.Ignored.Count > 20 ? [$"... and {check.Ignored.Count - 20} more"] : []));
        return text.ToString();
    }

    private static void AppendList(StringBuilder text, IEnumerable<string> items)
    {
        int count = 0;
        foreach (string item in items)
        {
            text.Append($"- {item}\n");
            count++;
        }
        if (count == 0) text.Append("None.\n");
    }

    private static void AppendCounts(StringBuilder text, string title, IReadOnlyList<ValueCount> counts)
    {
        text.Append($"\n## {title}\n\n| value | images | outliers |\n|---|---|---|\n");
        foreach (var v in counts) text.Append($"| {v.Value} | {v.Count} | {string.Join(", ", v.Outliers.Select(o => $"`{o}`"))} |\n");
    }

    private static object JsonModel(DatasetCheck check) => new
    {
        check.Root,
        check.Labelled,
        check.ImageFiles,
        check.Readable,
        Ignored = check.Ignored.Count,
        check.NearThreshold,
        Unusable = check.Unusable.Select(i => new { i.Path, Kind = Name(i.Kind), i.Reason }),
        Warnings = check.Warnings.Select(i => new { i.Path, Kind = Name(i.Kind), i.Reason }),
        Duplicates = check.Duplicates.Select(g => new { Kind = g.Exact ? "exact" : "near", g.Kept, Dropped = g.Dropped.ToArray(), g.MaxDistance }),
        check.Sizes,
        check.Aspects,
        check.Modes,
        check.Formats,
        check.Classes,
        Manifest = check.Manifest.Entries.Count,
    };
}
