using System.CommandLine;
using Atelier.Creation;
using Atelier.Imaging;
using Atelier.Provenance;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier animate RUN --keys 3,17,42,8 [--frames-per-key N] [--loop] [--ease linear|smooth] [--class C] [--fps F] --out FILE.gif|FILE.png|DIR</c>:
/// a spherical path through keyframes as a GIF, an animated PNG, or a folder of PNG frames (each PNG frame with its provenance).
/// </summary>
public static class AnimateCommand
{
    private const int MaxFrames = 2000;

    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var keys = new Option<string>("--keys") { Description = $"The keyframes, at least 2: {LatentExpression.Syntax}.", Required = true };
        var framesPerKey = new Option<int>("--frames-per-key") { Description = "Frames from each keyframe to the next (default 12).", DefaultValueFactory = _ => 12 };
        var loop = new Option<bool>("--loop") { Description = "Return from the last keyframe to the first, so that the animation repeats seamlessly." };
        var ease = new Option<string>("--ease") { Description = "linear (constant speed, the default) or smooth (slowing into and out of every keyframe).", DefaultValueFactory = _ => "linear" };
        var classOption = Common.ClassOption("the class of every frame, by name or index (default: the first PNG keyframe's class, else the first class)");
        var fps = new Option<int>("--fps") { Description = "Frames per second of a GIF or animated PNG (default 12).", DefaultValueFactory = _ => 12 };
        var output = new Option<string>("--out") { Description = "FILE.gif, FILE.png (an animated PNG), or a folder for one PNG per frame.", Required = true };
        var quiet = Common.QuietOption();
        var command = new Command("animate", "Animate a spherical path through keyframes (seeds or saved latents).") { source, keys, framesPerKey, loop, ease, classOption, fps, output, quiet };
        command.SetAction(parse =>
        {
            var perKey = parse.GetValue(framesPerKey);
            if (perKey is < 1 or > 1000) throw new UserException($"--frames-per-key must be between 1 and 1000, got {perKey}");
            var easing = parse.GetValue(ease) switch
            {
                "linear" => Easing.Linear,
                "smooth" => Easing.Smooth,
                var other => throw new UserException($"--ease must be linear or smooth, got '{other}'"),
            };
            var rate = parse.GetValue(fps);
            if (rate is < 1 or > 100) throw new UserException($"--fps must be between 1 and 100, got {rate}");
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var model = loaded.Model;
            var keyCells = LatentExpression.ResolveList(parse.GetValue(keys)!, model.Spec.LatentDim, truncation: null, loaded.Library(), "--keys");
            if (keyCells.Count < 2) throw new UserException($"--keys needs at least 2 keyframes, got {keyCells.Count}");
            var looped = parse.GetValue(loop);
            var steps = KeyframePath.Steps(keyCells.Count, perKey, looped, easing);
            if (steps.Count > MaxFrames) throw new UserException($"the animation would have {steps.Count} frames, more than {MaxFrames}; use fewer keys or --frames-per-key");
            var label = Common.ClassIndex(parse.GetValue(classOption), loaded) ?? keyCells.FirstOrDefault(c => c.Class is not null)?.Class ?? (model.Classes > 0 ? 0 : null);
            keyCells = [.. keyCells.Select(c => Common.WithClass(c, label, loaded))];
            var frames = steps.Select(s => ProvenanceCell.Between(keyCells[s.From], keyCells[s.To], s.T)).ToList();
            var delay = (int)Math.Round(100.0 / rate);
            var provenance = new ImageProvenance(loaded.Source(), new AnimationLayout(delay, looped), null, frames);
            var images = Common.Generate(model, provenance); // (frames, C, H, W) in [0, 1]
            var target = parse.GetValue(output)!;
            Write(target, images, provenance);
            Output.Say(parse, quiet, $"Wrote {frames.Count} frames through {keyCells.Count} keyframes{(looped ? " (looped)" : "")} to {target}");
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>Writes the frames as a GIF (no provenance: GIF has no place for it), an animated PNG, or a folder of PNG frames.</summary>
    internal static void Write(string target, Tensor images, ImageProvenance provenance)
    {
        var layout = (AnimationLayout)provenance.Layout;
        if (target.EndsWith(".gif", StringComparison.OrdinalIgnoreCase))
        {
            Output.EnsureParent(target);
            GifEncoder.Save(ImageTensors.ToImages(images, 0f, 1f), layout.DelayCentiseconds, target, layout.Loop);
        }
        else if (target.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            Output.EnsureParent(target);
            ProvenancePng.Save(target, images, provenance);
        }
        else
        {
            Output.EnsureDirectory(target);
            for (var i = 0; i < provenance.Cells.Count; i++)
                ProvenancePng.Save(Path.Combine(target, $"frame-{i:D4}.png"), images.Slice(0, i, 1), provenance.Cell(i));
        }
    }
}
