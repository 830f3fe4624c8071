using System.CommandLine;
using Atelier.Creation;
using Atelier.Provenance;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier interpolate RUN --from SEED|FILE.png --to SEED|FILE.png --frames F --out FILE.gif|FILE.png</c></summary>
public static class InterpolateCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var from = new Option<string>("--from") { Description = "The first latent: a seed, a PNG made by Atelier (FILE.png or FILE.png#N), a bookmark or a sum such as \"smile - neutral + seed 7\".", Required = true };
        var to = new Option<string>("--to") { Description = "The last latent, named as --from is.", Required = true };
        var frames = new Option<int>("--frames") { Description = "Number of frames (default 16).", DefaultValueFactory = _ => 16 };
        var classOption = Common.ClassOption("the class of every frame, by name or index (default: the first class)");
        var output = new Option<string>("--out") { Description = "FILE.gif (animation) or FILE.png (a strip).", Required = true };
        var quiet = Common.QuietOption();
        var command = new Command("interpolate", "Walk through latent space between two seeds or saved latents (spherical interpolation).") { source, from, to, frames, classOption, output, quiet };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(frames);
            if (count is < 2 or > 1000) throw new UserException($"--frames must be between 2 and 1000, got {count}");
            var target = parse.GetValue(output)!;
            var gif = target.EndsWith(".gif", StringComparison.OrdinalIgnoreCase);
            if (!gif && !target.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new UserException($"--out must end in .gif or .png, got '{target}'");
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var dim = loaded.Model.Spec.LatentDim;
            var library = loaded.Library();
            var ends = LatentExpression.ResolveList(parse.GetValue(from)!, dim, null, library, "--from").Concat(LatentExpression.ResolveList(parse.GetValue(to)!, dim, null, library, "--to")).ToList();
            if (ends.Count != 2) throw new UserException("--from and --to each name one latent");
            var label = Common.ClassIndex(parse.GetValue(classOption), loaded) ?? (loaded.Model.Classes > 0 ? 0 : null);
            var walk = Walk(Common.WithClass(ends[0], label, loaded), Common.WithClass(ends[1], label, loaded), count);
            var provenance = new ImageProvenance(loaded.Source(), gif ? new AnimationLayout(8, Loop: true) : new GridLayout(count), null, walk);
            var images = Common.Generate(loaded.Model, provenance);
            Output.EnsureParent(target);
            if (gif) AnimateCommand.Write(target, images, provenance);
            else ProvenancePng.Save(target, images, provenance);
            Output.Say(parse, quiet, $"Wrote {count} frames from {ends[0].Recipe} to {ends[1].Recipe} to {target}");
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary><paramref name="frames"/> images along the spherical path from one latent to another, both ends included.</summary>
    public static IReadOnlyList<ProvenanceCell> Walk(ProvenanceCell from, ProvenanceCell to, int frames)
    {
        ProvenanceCell[] ends = [from, to];
        return [.. KeyframePath.Steps(2, frames - 1, loop: false, Easing.Linear).Select(s => ProvenanceCell.Between(ends[s.From], ends[s.To], s.T))];
    }
}
