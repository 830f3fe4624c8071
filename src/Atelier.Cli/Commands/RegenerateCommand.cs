using System.CommandLine;
using Atelier.Imaging;
using Atelier.Provenance;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier regenerate FILE.png[#N] [--run RUN] [--out FILE.png]</c>: makes an image again from its provenance,
/// with the checkpoint that made it (found by its SHA-256), and checks that the result matches the original pixel for pixel.
/// </summary>
public static class RegenerateCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "A PNG made by Atelier, or FILE.png#N for image N of a grid or animation." };
        var run = new Option<string?>("--run") { Description = "Where to look for the checkpoint: a run directory or a checkpoint file (default: where the image says it was)." };
        var output = new Option<string?>("--out") { Description = "The PNG to write (default: NAME-regenerated.png beside the image)." };
        var quiet = Common.QuietOption();
        var command = new Command("regenerate", "Make an image again from the provenance it carries, and check it matches.") { image, run, output, quiet };
        command.SetAction(parse =>
        {
            var (file, index) = LatentKeys.SplitIndex(parse.GetValue(image)!);
            var whole = ProvenancePng.Read(file).Require();
            if (index >= whole.Cells.Count)
                throw new UserException($"{file} holds {whole.Cells.Count} image(s), so #{index} is out of range (0 to {whole.Cells.Count - 1})");
            var provenance = index is int cell ? whole.Cell(cell) : whole;

            var checkpoint = CheckpointSearch.Find(provenance.Source, parse.GetValue(run));
            var loaded = ModelLoader.Load(checkpoint);
            if (loaded.Model.Spec.Name != provenance.Source.Model)
                throw new UserException($"{checkpoint} holds a {loaded.Model.Spec.Name} model, but the image was made by {provenance.Source.Model}");
            if (provenance.Cells[0].Latent.Length != loaded.Model.Spec.LatentDim)
                throw new UserException($"the image's latents have {provenance.Cells[0].Latent.Length} values; {provenance.Source.Model}'s have {loaded.Model.Spec.LatentDim}");
            var images = Common.Generate(loaded.Model, provenance); // (N, C, H, W) in [0, 1]

            var stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file));
            var target = parse.GetValue(output) ?? (index is int n ? $"{stem}-{n}-regenerated.png" : $"{stem}-regenerated.png");
            Output.EnsureParent(target);
            ProvenancePng.Save(target, images, provenance);
            var (originalBytes, made) = (File.ReadAllBytes(file), File.ReadAllBytes(target));
            var original = whole.Layout.Decode(originalBytes);
            var rebuilt = provenance.Layout.Decode(made);
            var expected = index is int i ? [whole.Layout.CellPicture(original, i, rebuilt[0].Width, rebuilt[0].Height)] : original;
            if (Difference(expected, rebuilt) is string difference)
                throw new UserException($"regenerated {target} from {checkpoint}, but it differs from {parse.GetValue(image)}: {difference}");
            var exact = index is null && made.AsSpan().SequenceEqual(originalBytes) ? " and byte for byte" : "";
            Output.Say(parse, quiet, $"Regenerated {target} from {checkpoint}: identical to {parse.GetValue(image)} pixel for pixel{exact}");
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>Null when the pictures are identical, else how they differ.</summary>
    private static string? Difference(IReadOnlyList<Image> expected, IReadOnlyList<Image> actual)
    {
        if (expected.Count != actual.Count) return $"{actual.Count} picture(s) instead of {expected.Count}";
        var (differing, largest, total) = (0L, 0, 0L);
        for (var p = 0; p < expected.Count; p++)
        {
            var (a, b) = (expected[p], actual[p]);
            if (a.Width != b.Width || a.Height != b.Height || a.Channels != b.Channels)
                return $"picture {p} is {b.Width}x{b.Height}x{b.Channels} instead of {a.Width}x{a.Height}x{a.Channels}";
            for (var i = 0; i < a.Pixels.Length; i++)
            {
                var d = Math.Abs(a.Pixels[i] - b.Pixels[i]);
                if (d > 0) (differing, largest) = (differing + 1, Math.Max(largest, d));
            }
            total += a.Pixels.Length;
        }
        return differing == 0 ? null : $"{differing} of {total} pixel values differ, by up to {largest} of 255";
    }
}
