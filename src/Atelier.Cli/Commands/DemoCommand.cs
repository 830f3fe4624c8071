using System.CommandLine;
using Atelier.Cli.Training;
using Atelier.Evaluation;
using Atelier.Imaging;
using Atelier.Models.Vae;
using Atelier.Provenance;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier demo</c>: the main job for a newcomer. Trains the dcgan and the conv-vae on the bundled
/// MNIST digits (about 5 minutes on 2 cores), then writes sample grids, an interpolation GIF,
/// reconstructions and the reports under runs/demo-*, and says where to look.
/// </summary>
public static class DemoCommand
{
    // The GAN needs most of the time; the VAE's ELBO levels off within a minute.
    private const double GanShare = 0.86;

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for the demo runs (default runs).", DefaultValueFactory = _ => "runs" };
        var minutes = new Option<double>("--minutes") { Description = "Total training budget in minutes (default 5).", DefaultValueFactory = _ => 5.0 };
        var quiet = Common.QuietOption();
        var command = new Command("demo", "Train a DCGAN and a convolutional VAE on the bundled digits and show the results.") { output, minutes, quiet };
        command.SetAction((parse, cancellation) =>
        {
            var root = parse.GetValue(output)!;
            var budget = parse.GetValue(minutes);
            if (!(budget > 0)) throw new UserException($"--minutes must be positive, got {budget}");
            var quietRun = parse.GetValue(quiet);
            var writer = parse.InvocationConfiguration.Output;
            var gan = Prepare(Path.Combine(root, "demo-dcgan"));
            var vae = Prepare(Path.Combine(root, "demo-conv-vae"));

            if (!quietRun) writer.WriteLine($"1/2  DCGAN on the bundled MNIST digits ({budget * GanShare:0.#} min)");
            var ganRun = TrainingRun.Create(new TrainConfig { Model = "dcgan", Epochs = 10, Minutes = budget * GanShare, Seed = 1 }, gan);
            ProgressDisplay.Run(ganRun, quietRun, writer, cancellation);
            SaveSamples(ganRun, gan);
            var dim = ganRun.Model.Spec.LatentDim;
            var walk = new ImageProvenance(Source(ganRun), new AnimationLayout(8, Loop: true), null,
                InterpolateCommand.Walk(LatentKeys.Seeds(3, 1, dim, null)[0], LatentKeys.Seeds(17, 1, dim, null)[0], 24));
            AnimateCommand.Write(Path.Combine(gan, "interpolation.gif"), Common.Generate(ganRun.Model, walk), walk);

            if (!quietRun) writer.WriteLine($"2/2  Convolutional VAE on the same digits ({budget * (1 - GanShare):0.#} min)");
            var vaeRun = TrainingRun.Create(new TrainConfig { Model = "conv-vae", Epochs = 10, Minutes = budget * (1 - GanShare), Seed = 1 }, vae);
            ProgressDisplay.Run(vaeRun, quietRun, writer, cancellation);
            var model = (VaeModel)vaeRun.Model;
            PngEncoder.Save(ReconstructCommand.Comparison(model, Atelier.Data.Mnist.HeldOut.Images.Slice(0, 0, 16)), Path.Combine(vae, "reconstructions.png"));
            SaveSamples(vaeRun, vae);

            if (!quietRun)
            {
                var quality = SampleRecognition.Measure(ImageClassifier.BundledDigits(), ganRun.Model.Generate(ganRun.Model.SampleLatents(1000, new Generator(123))));
                var heldOut = VaeEvaluation.HeldOut(model, Atelier.Data.Mnist.HeldOut.Images, new Generator(1));
                writer.WriteLine();
                writer.WriteLine($"DCGAN, 1,000 samples judged by the digit classifier: {quality}");
                writer.WriteLine($"Conv VAE, held-out digits: negative ELBO {heldOut.NegativeElbo:0.0} nats/image (reconstruction {heldOut.Reconstruction:0.0}, KL {heldOut.Kl:0.0})");
                writer.WriteLine();
                writer.WriteLine("Open these:");
                writer.WriteLine($"  {Path.Combine(gan, "report.html")}        DCGAN: losses and samples epoch by epoch");
                writer.WriteLine($"  {Path.Combine(gan, "samples.png")}        100 generated digits");
                writer.WriteLine($"  {Path.Combine(gan, "interpolation.gif")}  a walk through latent space");
                writer.WriteLine($"  {Path.Combine(vae, "report.html")}     VAE: losses, held-out ELBO, samples");
                writer.WriteLine($"  {Path.Combine(vae, "reconstructions.png")}  held-out digits (top) and their reconstructions");
            }
            return Task.FromResult(CommandRunner.Success);
        });
        return command;
    }

    // Seeds 0 to 99 as a 10 x 10 grid.
    private static void SaveSamples(TrainingRun run, string directory)
    {
        var provenance = new ImageProvenance(Source(run), new GridLayout(10), null, LatentKeys.Seeds(0, 100, run.Model.Spec.LatentDim, null));
        ProvenancePng.Save(Path.Combine(directory, "samples.png"), Common.Generate(run.Model, provenance), provenance);
    }

    private static ModelSource Source(TrainingRun run) => ModelSource.Of(run.Model.Spec.Name, run.Paths.LastCheckpoint);

    // A demo run directory is the demo's own: an earlier demo's is replaced, anything else is left alone.
    private static string Prepare(string directory)
    {
        if (Directory.Exists(directory))
        {
            var isDemo = File.Exists(Path.Combine(directory, "config.json")) || !Directory.EnumerateFileSystemEntries(directory).Any();
            if (!isDemo) throw new UserException($"{directory} exists and is not an Atelier run; move it away or use --out");
            Directory.Delete(directory, recursive: true);
        }
        return directory;
    }
}
