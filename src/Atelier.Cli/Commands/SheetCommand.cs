using System.CommandLine;
using System.Globalization;
using Atelier.Imaging;
using Atelier.Provenance;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier sheet RUN --seeds KEYS (--classes | --truncations 0.5,0.7,1 | --compare RUN2,CHECKPOINT,...|epochs) --out FILE.png</c>:
/// sheets of the same latents drawn in every class, at several truncations, or by several checkpoints (of one run, or of
/// several runs), as PNG (every cell regenerable) and as an HTML table beside it (FILE.html).
/// </summary>
public static class SheetCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var seeds = new Option<string>("--seeds") { Description = $"The latents of the sheet: {LatentExpression.Syntax} (default 0-7).", DefaultValueFactory = _ => "0-7" };
        var classes = new Option<bool>("--classes") { Description = "A class sweep: rows are the latents, columns the model's classes." };
        var truncations = new Option<string?>("--truncations") { Description = "A truncation sweep: rows are the seeds, columns these thresholds (e.g. 0.5,0.7,1,none)." };
        var compare = new Option<string?>("--compare") { Description = "A comparison: the same latents by RUN and these runs or checkpoints (comma-separated), or 'epochs' for every epoch checkpoint of RUN." };
        var output = new Option<string>("--out") { Description = "The PNG to write (for --compare: FILE-N.png, one row per checkpoint); the HTML goes beside it.", Required = true };
        var quiet = Common.QuietOption();
        var command = new Command("sheet", "Sheets of the same latents across classes, truncations, or checkpoints and runs (PNG and HTML).") { source, seeds, classes, truncations, compare, output, quiet };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(output)!;
            if (!target.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UserException($"--out must be a .png file, got '{target}'");
            var kinds = (parse.GetValue(classes) ? 1 : 0) + (parse.GetValue(truncations) is null ? 0 : 1) + (parse.GetValue(compare) is null ? 0 : 1);
            if (kinds != 1) throw new UserException("choose one kind of sheet: --classes, --truncations T1,T2,.. or --compare RUN2,..|epochs");
            var run = parse.GetValue(source)!;
            var loaded = ModelLoader.Load(run);
            var keys = parse.GetValue(seeds)!;
            Output.EnsureParent(target);
            var html = Path.ChangeExtension(target, ".html");
            string said;
            if (parse.GetValue(compare) is string others)
                said = Comparison(run, loaded, keys, others, target, html);
            else
            {
                var cells = LatentExpression.ResolveList(keys, loaded.Model.Spec.LatentDim, null, loaded.Library(), "--seeds");
                var (columns, sheet) = parse.GetValue(classes) ? ClassSweep(loaded, cells) : TruncationSweep(loaded, cells, parse.GetValue(truncations)!);
                var provenance = new ImageProvenance(loaded.Source(), new GridLayout(columns.Count), null, sheet);
                ProvenancePng.Save(target, Common.Generate(loaded.Model, provenance), provenance);
                SheetHtml.Write(html, $"{loaded.Model.Spec.Name}: {Path.GetFileNameWithoutExtension(target)}", columns,
                    [.. cells.Select((c, r) => Row(c.Recipe.ToString(), target, r * columns.Count, sheet.Skip(r * columns.Count).Take(columns.Count), columns.Count, cells.Count, loaded))]);
                said = $"Wrote a sheet of {cells.Count} x {columns.Count} images to {target} and {html}";
            }
            Output.Say(parse, quiet, said);
            return CommandRunner.Success;
        });
        return command;
    }

    private static (IReadOnlyList<string> Columns, IReadOnlyList<ProvenanceCell> Cells) ClassSweep(LoadedModel loaded, IReadOnlyList<ProvenanceCell> latents)
    {
        var count = loaded.Model.Classes;
        if (count == 0) throw new UserException("--classes needs a class-conditional model; this one is unconditional");
        var columns = Enumerable.Range(0, count).Select(c => loaded.Config.ClassNames?.ElementAtOrDefault(c) ?? $"{c}").ToList();
        return (columns, [.. latents.SelectMany(cell => Enumerable.Range(0, count).Select(c => Common.WithClass(cell, c, loaded)))]);
    }

    private static (IReadOnlyList<string> Columns, IReadOnlyList<ProvenanceCell> Cells) TruncationSweep(LoadedModel loaded, IReadOnlyList<ProvenanceCell> latents, string list)
    {
        var thresholds = list.Split(',', StringSplitOptions.TrimEntries).Select(t => t == "none" ? (float?)null
            : float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0.05f ? v
            : throw new UserException($"--truncations: '{t}' is neither a threshold of at least 0.05 nor 'none'")).ToList();
        if (latents.FirstOrDefault(c => c.Recipe is not SeedRecipe { Truncation: null }) is ProvenanceCell other)
            throw new UserException($"--truncations sweeps seeds; '{other.Recipe}' is not a plain seed");
        var label = loaded.Model.Classes > 0 ? 0 : (int?)null;
        var cells = latents.SelectMany(cell => thresholds.Select(t =>
        {
            var recipe = new SeedRecipe(((SeedRecipe)cell.Recipe).Seed, t);
            return Common.WithClass(new ProvenanceCell(recipe, Common.UserErrors(() => recipe.Evaluate(loaded.Model.Spec.LatentDim))), label, loaded);
        })).ToList();
        return ([.. thresholds.Select(t => t is float f ? $"truncation {f.ToString(CultureInfo.InvariantCulture)}" : "no truncation")], cells);
    }

    /// <summary>One PNG row per checkpoint (each regenerable with its own checkpoint), and the HTML table of them.</summary>
    private static string Comparison(string run, LoadedModel first, string keys, string others, string target, string html)
    {
        var sources = others == "epochs"
            ? Directory.Exists(Path.Combine(first.RunDirectory, "checkpoints"))
                ? Directory.GetFiles(Path.Combine(first.RunDirectory, "checkpoints"), "epoch-*.safetensors").Order().ToList()
                : []
            : [run, .. others.Split(',', StringSplitOptions.TrimEntries)];
        if (sources.Count == 0)
            throw new UserException($"{first.RunDirectory} keeps no epoch checkpoints (train with --save-every-epoch), so there are no epochs to compare");
        var rows = new List<SheetHtml.Row>();
        IReadOnlyList<string>? columns = null;
        for (var i = 0; i < sources.Count; i++)
        {
            var loaded = ModelLoader.Load(sources[i]);
            var cells = LatentExpression.ResolveList(keys, loaded.Model.Spec.LatentDim, null, first.Library(), "--seeds");
            cells = [.. cells.Select(c => Common.WithClass(c, c.Class ?? (loaded.Model.Classes > 0 ? 0 : null), loaded))];
            columns ??= [.. cells.Select(c => c.Recipe.ToString())];
            var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!, $"{Path.GetFileNameWithoutExtension(target)}-{i}.png");
            var provenance = new ImageProvenance(loaded.Source(), new GridLayout(cells.Count), null, cells);
            ProvenancePng.Save(file, Common.Generate(loaded.Model, provenance), provenance);
            rows.Add(Row(Label(sources[i]), file, 0, cells, cells.Count, 1, loaded));
        }
        SheetHtml.Write(html, $"The same latents across {sources.Count} checkpoints", columns!, rows);
        return $"Wrote {sources.Count} rows of {columns!.Count} images ({Path.GetFileNameWithoutExtension(target)}-0.png to -{sources.Count - 1}.png) and {html}";
    }

    private static string Label(string source) => File.Exists(source) ? $"{Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(source))))}/{Path.GetFileNameWithoutExtension(source)}" : Path.GetFileName(Path.TrimEndingDirectorySeparator(source));

    private static SheetHtml.Row Row(string label, string png, int first, IEnumerable<ProvenanceCell> cells, int columns, int rows, LoadedModel loaded)
    {
        var (size, padding) = (loaded.Model.Spec.ImageSize, new GridLayout(columns).Padding);
        return new SheetHtml.Row(label, Path.GetFileName(png), first, [.. cells.Select(c => c.Class is null ? $"{c.Recipe}" : $"{c.Recipe}, class {c.ClassText}")], columns,
            padding + columns * (size + padding), padding + rows * (size + padding), size, size, padding);
    }
}
