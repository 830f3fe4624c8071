using System.CommandLine;
using Atelier.Imaging;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier sample RUN_DIR|CHECKPOINT --n N [--seed S] --out DIR|FILE.png [--grid]</c></summary>
public static class SampleCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var count = new Option<int>("--n") { Description = "Number of images (default 64).", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Seed of the latent vectors; the same seed gives the same images (default 0).", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "A folder for separate PNGs, or FILE.png for one grid.", Required = true };
        var grid = new Option<bool>("--grid") { Description = "Write one grid image (implied when --out ends in .png)." };
        var quiet = Common.QuietOption();
        var command = new Command("sample", "Generate images from a trained model.") { source, count, seed, output, grid, quiet };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 10_000) throw new UserException($"--n must be between 1 and 10000, got {n}");
            var (model, _) = ModelLoader.Load(parse.GetValue(source)!);
            var images = model.Generate(model.SampleLatents(n, new Generator(parse.GetValue(seed)))); // (N, C, H, W) in [0, 1]
            var target = parse.GetValue(output)!;
            var asGrid = parse.GetValue(grid) || target.EndsWith(".png", StringComparison.OrdinalIgnoreCase);
            if (asGrid)
            {
                var file = target.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? target : Path.Combine(target, "grid.png");
                Output.EnsureParent(file);
                PngEncoder.Save(ImageTensors.SquareGrid(images, 0f, 1f), file);
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
}
