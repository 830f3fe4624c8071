using System.CommandLine;
using Atelier.Creation;
using Atelier.Imaging;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier interpolate RUN --from SEED --to SEED --frames F --out FILE.gif|FILE.png</c></summary>
public static class InterpolateCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var from = new Option<long>("--from") { Description = "Seed of the first latent.", Required = true };
        var to = new Option<long>("--to") { Description = "Seed of the last latent.", Required = true };
        var frames = new Option<int>("--frames") { Description = "Number of frames (default 16).", DefaultValueFactory = _ => 16 };
        var output = new Option<string>("--out") { Description = "FILE.gif (animation) or FILE.png (a strip).", Required = true };
        var quiet = Common.QuietOption();
        var command = new Command("interpolate", "Walk through latent space between two seeds (spherical interpolation).") { source, from, to, frames, output, quiet };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(frames);
            if (count is < 2 or > 1000) throw new UserException($"--frames must be between 2 and 1000, got {count}");
            var target = parse.GetValue(output)!;
            var gif = target.EndsWith(".gif", StringComparison.OrdinalIgnoreCase);
            if (!gif && !target.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new UserException($"--out must end in .gif or .png, got '{target}'");
            var (model, _) = ModelLoader.Load(parse.GetValue(source)!);
            var images = Walk(model, parse.GetValue(from), parse.GetValue(to), count);
            Output.EnsureParent(target);
            if (gif) GifEncoder.Save(ImageTensors.ToImages(images, 0f, 1f), 8, target);
            else PngEncoder.Save(ImageTensors.Grid(images, 0f, 1f, columns: count), target);
            Output.Say(parse, quiet, $"Wrote {count} frames from seed {parse.GetValue(from)} to seed {parse.GetValue(to)} to {target}");
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>Images (frames, C, H, W) in [0, 1] along the spherical path between two seeds' latents.</summary>
    public static Tensor Walk(Models.GenerativeModel model, long fromSeed, long toSeed, int frames)
    {
        var dim = model.Spec.LatentDim;
        var a = Latents.FromSeed(fromSeed, dim);
        var b = Latents.FromSeed(toSeed, dim);
        var latents = new Tensor(frames, dim);
        for (var i = 0; i < frames; i++)
            Latents.Slerp(a, b, i / (float)(frames - 1)).CopyTo(latents.Data.Slice(i * dim, dim));
        return model.Generate(latents);
    }
}
