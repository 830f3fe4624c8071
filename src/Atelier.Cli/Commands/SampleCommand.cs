using System.CommandLine;
using Atelier.Imaging;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier sample RUN_DIR|CHECKPOINT --n N [--seed S] [--class C] [--truncation T] --out DIR|FILE.png [--grid]</c></summary>
public static class SampleCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var count = new Option<int>("--n") { Description = "Number of images (default 64).", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Seed of the latent vectors; the same seed gives the same images (default 0).", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "A folder for separate PNGs, or FILE.png for one grid.", Required = true };
        var grid = new Option<bool>("--grid") { Description = "Write one grid image (implied when --out ends in .png)." };
        var classOption = new Option<string?>("--class") { Description = "For a conditional model: the class to draw, by name or index (default: every class in turn, one per grid column)." };
        var truncation = new Option<float?>("--truncation") { Description = "Truncation trick: redraw latent components beyond this magnitude (e.g. 0.7) for cleaner, less varied samples." };
        var quiet = Common.QuietOption();
        var command = new Command("sample", "Generate images from a trained model.") { source, count, seed, classOption, truncation, output, grid, quiet };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 10_000) throw new UserException($"--n must be between 1 and 10000, got {n}");
            var (model, config) = ModelLoader.Load(parse.GetValue(source)!);
            var random = new Generator(parse.GetValue(seed));
            var latents = parse.GetValue(truncation) is float t ? Common.UserErrors(() => model.SampleLatents(n, random, t)) : model.SampleLatents(n, random);
            var labels = parse.GetValue(classOption) is string wanted ? Enumerable.Repeat(ClassIndex(wanted, model, config), n).ToArray() : null;
            var images = model.Generate(latents, labels); // (N, C, H, W) in [0, 1]
            var target = parse.GetValue(output)!;
            var asGrid = parse.GetValue(grid) || target.EndsWith(".png", StringComparison.OrdinalIgnoreCase);
            if (asGrid)
            {
                var file = target.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? target : Path.Combine(target, "grid.png");
                Output.EnsureParent(file);
                var columns = model.Classes > 0 && labels is null ? model.Classes : (int)Math.Ceiling(Math.Sqrt(n));
                PngEncoder.Save(ImageTensors.Grid(images, 0f, 1f, columns), file);
                Output.Say(parse, quiet, $"Wrote a grid of {n} samples to {file}");
                return CommandRunner.Success;
            }
            Output.EnsureDirectory(target);
            var separate = ImageTensors.ToImages(images, 0f, 1f);
            for (var i = 0; i < n; i++) PngEncoder.Save(separate[i], Path.Combine(target, $"sample-{i:D4}.png"));
            Output.Say(parse, quiet, $"Wrote {n} samples to {target}");
            return CommandRunner.Success;
        });
        return command;
    }

    private static int ClassIndex(string wanted, Models.GenerativeModel model, Atelier.Training.TrainConfig config)
    {
        if (model.Classes == 0) throw new UserException("--class needs a class-conditional model; this one is unconditional");
        var names = config.ClassNames ?? [];
        var byName = names.ToList().IndexOf(wanted);
        if (byName >= 0) return byName;
        if (int.TryParse(wanted, out var index) && index >= 0 && index < model.Classes) return index;
        var known = names.Count > 0 ? string.Join(", ", names) : $"0 to {model.Classes - 1}";
        throw new UserException($"--class '{wanted}' is not one of the model's classes: {known}");
    }
}
