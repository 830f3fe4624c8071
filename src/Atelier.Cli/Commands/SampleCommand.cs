using System.CommandLine;
using Atelier.Provenance;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier sample RUN_DIR|CHECKPOINT [--seeds 3,17,10-20,photo.png,smile | --latent "smile - neutral + seed 7" | --seed S --n N] [--class C] [--truncation T] --out DIR|FILE.png [--grid]</c>:
/// every image is addressed by its seed (or saved latent) and carries its provenance.
/// </summary>
public static class SampleCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var seeds = new Option<string?>("--seeds", "--latent") { Description = $"The images to make: {LatentExpression.Syntax}." };
        var count = new Option<int>("--n") { Description = "Without --seeds: number of images, seeds S to S+N-1 (default 64).", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Without --seeds: the first seed (default 0); a seed always gives the same image.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "A folder for separate PNGs, or FILE.png for one grid.", Required = true };
        var grid = new Option<bool>("--grid") { Description = "Write one grid image (implied when --out ends in .png)." };
        var classOption = Common.ClassOption("the class to draw, by name or index (default: every class in turn, one per grid column)");
        var truncation = new Option<float?>("--truncation") { Description = "Truncation trick: redraw seeds' latent components beyond this magnitude (e.g. 0.7) for cleaner, less varied samples." };
        var quiet = Common.QuietOption();
        var command = new Command("sample", "Generate images from a trained model.") { source, seeds, count, seed, classOption, truncation, output, grid, quiet };
        command.SetAction(parse =>
        {
            var keys = parse.GetValue(seeds);
            if (keys is not null && (parse.GetResult(count) is { Implicit: false } || parse.GetResult(seed) is { Implicit: false }))
                throw new UserException("--seeds names the images itself; give either --seeds or --seed and --n");
            var n = parse.GetValue(count);
            if (n is < 1 or > 10_000) throw new UserException($"--n must be between 1 and 10000, got {n}");
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var model = loaded.Model;
            var t = parse.GetValue(truncation);
            var cells = keys is null
                ? LatentKeys.Seeds(parse.GetValue(seed), n, model.Spec.LatentDim, t)
                : LatentExpression.ResolveList(keys, model.Spec.LatentDim, t, loaded.Library(), "--seeds");
            var wanted = Common.ClassIndex(parse.GetValue(classOption), loaded);
            // A conditional model draws the class asked for, or cycles through its classes (one per grid column).
            cells = [.. cells.Select((c, i) => Common.WithClass(c, wanted ?? (model.Classes > 0 ? i % model.Classes : null), loaded))];
            var target = parse.GetValue(output)!;
            var asGrid = parse.GetValue(grid) || target.EndsWith(".png", StringComparison.OrdinalIgnoreCase);
            var columns = model.Classes > 0 && wanted is null ? model.Classes : (int)Math.Ceiling(Math.Sqrt(cells.Count));
            var provenance = new ImageProvenance(loaded.Source(), new GridLayout(columns), t, cells);
            var images = Common.Generate(model, provenance); // (N, C, H, W) in [0, 1]
            if (asGrid)
            {
                var file = target.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? target : Path.Combine(target, "grid.png");
                Output.EnsureParent(file);
                ProvenancePng.Save(file, images, provenance);
                Output.Say(parse, quiet, $"Wrote a grid of {cells.Count} samples to {file}");
                return CommandRunner.Success;
            }
            Output.EnsureDirectory(target);
            for (var i = 0; i < cells.Count; i++)
                ProvenancePng.Save(Path.Combine(target, $"sample-{i:D4}.png"), images.Slice(0, i, 1), provenance.Cell(i));
            Output.Say(parse, quiet, $"Wrote {cells.Count} samples to {target}");
            return CommandRunner.Success;
        });
        return command;
    }
}
