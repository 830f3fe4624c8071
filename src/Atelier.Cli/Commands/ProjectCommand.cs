using System.CommandLine;
using Atelier.Creation;
using Atelier.Data;
using Atelier.Evaluation;
using Atelier.Imaging;
using Atelier.IO;
using Atelier.Models.Vae;
using Atelier.Provenance;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier project RUN IMAGE [--steps N] [--class C] [--latent-out FILE.npy] --out FILE.png</c>: puts a real image into the
/// model. A VAE encodes it (the posterior mean); a GAN searches for its latent (<see cref="GanProjection"/>). The PNG written
/// holds the latent (recipe <c>project(IMAGE, METHOD)</c>), so it stands in for a seed in every other command.
/// </summary>
public static class ProjectCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var image = new Argument<string>("image") { Description = "The image to project (PNG, JPEG, BMP), resized to the model's size." };
        var steps = new Option<int>("--steps") { Description = "GANs: optimisation steps (default 200).", DefaultValueFactory = _ => 200 };
        var seed = new Option<long>("--seed") { Description = "GANs: the first of the seeds tried as starting points (default 0).", DefaultValueFactory = _ => 0 };
        var classOption = Common.ClassOption("the image's class, by name or index (required for conditional models)");
        var latentOut = new Option<string?>("--latent-out") { Description = "Also write the latent as a NumPy .npy file." };
        var output = new Option<string>("--out") { Description = "The PNG to write: the model's image of the latent found, with the latent in its provenance.", Required = true };
        var quiet = Common.QuietOption();
        var command = new Command("project", "Find the latent of a real image (VAEs encode it; GANs search for it), saved as a PNG usable as a key or parent.")
            { source, image, steps, seed, classOption, latentOut, output, quiet };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(output)!;
            if (!target.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UserException($"--out must be a .png file, got '{target}'");
            var count = parse.GetValue(steps);
            if (count is < 1 or > 10_000) throw new UserException($"--steps must be between 1 and 10000, got {count}");
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var model = loaded.Model;
            var label = Common.ClassIndex(parse.GetValue(classOption), loaded);
            if (model.Classes > 0 && label is null) throw new UserException("this model is class-conditional: name the image's class with --class");
            var file = parse.GetValue(image)!;
            var pixels = Read(file, model.Spec.Channels, model.Spec.ImageSize); // (1, C, S, S) in [0, 1]
            int[]? labels = label is int c ? [c] : null;

            float[] latent;
            string method;
            if (model is VaeModel vae)
            {
                latent = vae.EncodeMean(pixels, labels).ToArray();
                method = "vae mean";
            }
            else
            {
                var (features, featureSource) = FeatureNetwork(loaded);
                var settings = new ProjectionSettings(Steps: count, Seed: parse.GetValue(seed));
                var found = StepProgress.Run("projecting", count, parse.GetValue(quiet), parse.InvocationConfiguration.Output,
                    progress => GanProjection.Find(model, pixels, label, features, settings, progress));
                latent = found.Latent;
                method = $"adam {count} steps {(features is null ? "pixels only" : "with classifier features")}";
                Output.Say(parse, quiet, $"Loss {found.Losses[0]:0.####} at the first step, {found.Losses[^1]:0.####} at the last; features from {featureSource}");
            }
            var cell = Common.WithClass(new ProvenanceCell(new ProjectRecipe(Path.GetFileName(file), method), latent), label, loaded);
            var provenance = new ImageProvenance(loaded.Source(), new SingleImageLayout(), null, [cell]);
            var made = Common.Generate(model, provenance); // (1, C, S, S)
            Output.EnsureParent(target);
            ProvenancePng.Save(target, made, provenance);
            if (parse.GetValue(latentOut) is string npy)
            {
                Output.EnsureParent(npy);
                NpyFile.Save(npy, latent);
            }
            var error = made.Data.ToArray().Zip(pixels.Data.ToArray(), (a, b) => (a - b) * (a - b)).Average();
            Output.Say(parse, quiet, $"Wrote {target} ({method}; pixel MSE to {Path.GetFileName(file)}: {error:0.#####}); use it as a seed, key or parent");
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>An image file as (1, C, S, S) in [0, 1], converted to the model's channels and resized (centre-cropped) to its size.</summary>
    internal static Tensor Read(string file, int channels, int size)
    {
        if (!File.Exists(file)) throw new UserException($"no image at '{file}'");
        var picture = Resize.ToSquare(ImageChannels.Convert(ImageDecoder.Decode(file), channels), size);
        return Tensor.FromArray(ImageTensors.FromImage(picture, channels), 1, channels, size, size);
    }

    /// <summary>The classifier whose features guide a GAN projection: bundled for digits, else trained briefly on the run's labelled data; none without labels.</summary>
    private static (ImageClassifier? Network, string Source) FeatureNetwork(LoadedModel loaded)
    {
        var spec = loaded.Model.Spec;
        if (DataClassifier.BundledFor(spec) is ImageClassifier digits) return (digits, "the bundled digit classifier");
        try
        {
            return DataClassifier.For(spec, TrainingRun.LoadData(loaded.Config, spec, forTraining: false));
        }
        catch (Exception e) when (e is DatasetFormatException or IOException)
        {
            return (null, $"nowhere: pixels only ({e.Message})");
        }
    }
}
