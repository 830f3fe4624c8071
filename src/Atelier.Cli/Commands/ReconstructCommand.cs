using System.CommandLine;
using Atelier.Imaging;
using Atelier.Models.Vae;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier reconstruct RUN_DIR --data mnist|PATH --n N --out FILE.png</c> (VAEs): originals above, reconstructions below.</summary>
public static class ReconstructCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A VAE run directory or checkpoint." };
        var data = new Option<string>("--data") { Description = "'mnist' (held-out digits), an IDX file or a PNG folder (default mnist).", DefaultValueFactory = _ => "mnist" };
        var count = new Option<int>("--n") { Description = "Number of images (default 16).", DefaultValueFactory = _ => 16 };
        var output = new Option<string>("--out") { Description = "The PNG to write.", Required = true };
        var quiet = Common.QuietOption();
        var command = new Command("reconstruct", "Encode and decode images with a VAE: originals above, reconstructions below.") { source, data, count, output, quiet };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 256) throw new UserException($"--n must be between 1 and 256, got {n}");
            var target = parse.GetValue(output)!;
            if (!target.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UserException($"--out must be a .png file, got '{target}'");
            var (model, _, _, _) = ModelLoader.Load(parse.GetValue(source)!);
            if (model is not VaeModel vae)
                throw new UserException($"reconstruct needs a VAE; this run holds the GAN '{model.Spec.Name}', which has no encoder");
            var heldOut = Common.UserErrors(() => TrainingData.Load(parse.GetValue(data)!, model.Spec)).HeldOut;
            n = Math.Min(n, heldOut.Count);
            if (vae.Classes > 0 && heldOut.Labels is null)
                throw new UserException($"this VAE is class-conditional: --data must be labelled (the data it was trained on, or images in one sub-folder per class)");
            Output.EnsureParent(target);
            PngEncoder.Save(Comparison(vae, heldOut.Images.Slice(0, 0, n), heldOut.Labels?[..n]), target);
            Output.Say(parse, quiet, $"Wrote {n} originals and their reconstructions to {target}");
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>Originals (n, C, H, W) in the top row and the VAE's reconstructions of them below.</summary>
    public static Image Comparison(VaeModel vae, Tensor originals, int[]? labels = null) =>
        ImageTensors.Grid(Tensor.Concat([originals, vae.Reconstruct(originals, vae.Classes > 0 ? labels : null)], axis: 0), 0f, 1f, columns: originals.Dim(0));
}
