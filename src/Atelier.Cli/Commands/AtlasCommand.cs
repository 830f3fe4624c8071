using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using Atelier.Creation;
using Atelier.Models.Vae;
using Atelier.Provenance;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier atlas RUN [--n N] [--data D] --out DIR</c>: a map of the latent space. A VAE encodes images of its data, a GAN
/// takes seeds 0 .. N − 1; their latents are projected onto their first two principal components and each image is drawn
/// at its place (DIR/atlas.png, every thumbnail a key or parent as atlas.png#I), with DIR/atlas.html giving each point's
/// coordinates, recipe, latent and the command that uses it.
/// </summary>
public static class AtlasCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var count = new Option<int>("--n") { Description = "Points on the map (default 200).", DefaultValueFactory = _ => 200 };
        var data = new Option<string?>("--data") { Description = "VAEs: the images to encode (default: the run's own data, held-out part)." };
        var output = new Option<string>("--out") { Description = "The folder to write atlas.png and atlas.html to.", Required = true };
        var quiet = Common.QuietOption();
        var command = new Command("atlas", "Map the latent space in 2-D (PCA) with a thumbnail at each point; pick points as keys or parents.") { source, count, data, output, quiet };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n is < 2 or > 2000) throw new UserException($"--n must be between 2 and 2000, got {n}");
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var model = loaded.Model;
            IReadOnlyList<ProvenanceCell> cells;
            if (model is VaeModel vae)
            {
                var named = parse.GetValue(data);
                var images = Common.UserErrors(() => named is null ? TrainingRun.LoadData(loaded.Config, model.Spec, forTraining: false) : TrainingData.Load(named, model.Spec)).HeldOut;
                if (vae.Classes > 0 && images.Labels is null) throw new UserException("this VAE is class-conditional: --data must be labelled");
                n = Math.Min(n, images.Count);
                var labels = images.Labels?[..n];
                var means = vae.EncodeMean(images.Images.Slice(0, 0, n), vae.Classes > 0 ? labels : null).ToArray(); // (n, Z)
                var dim = model.Spec.LatentDim;
                var name = Path.GetFileName(named ?? loaded.Config.Data);
                cells = [.. Enumerable.Range(0, n).Select(i => Common.WithClass(
                    new ProvenanceCell(new ProjectRecipe($"{name} held-out #{i}", "vae mean"), means[(i * dim)..((i + 1) * dim)]), vae.Classes > 0 ? labels![i] : null, loaded))];
            }
            else
            {
                if (parse.GetValue(data) is not null) throw new UserException("--data is for VAEs, which encode images; a GAN's atlas maps seeds 0 to N-1");
                cells = [.. LatentExpression.ResolveList($"0-{n - 1}", model.Spec.LatentDim, null, loaded.Library(), "--n")
                    .Select((c, i) => Common.WithClass(c, model.Classes > 0 ? i % model.Classes : null, loaded))];
            }
            var (x, y, shareX, shareY) = Common.UserErrors(() => Pca.TwoComponents([.. cells.Select(c => c.Latent)]));
            var side = (int)Math.Ceiling(Math.Sqrt(2.0 * n)); // half the slots stay empty, so that the map keeps the points' shape
            var layout = new AtlasLayout(side, side, 1, Pca.Slots(x, y, side, side));
            var provenance = new ImageProvenance(loaded.Source(), layout, null, cells);
            var directory = parse.GetValue(output)!;
            Output.EnsureDirectory(directory);
            var png = Path.Combine(directory, "atlas.png");
            ProvenancePng.Save(png, Common.Generate(model, provenance), provenance);
            WriteHtml(Path.Combine(directory, "atlas.html"), png, layout, model.Spec.ImageSize, cells, x, y, shareX, shareY);
            Output.Say(parse, quiet, $"Wrote a map of {n} latents to {png} and atlas.html (PC1 {shareX:P0}, PC2 {shareY:P0} of the variance); use a point as {png}#I");
            return CommandRunner.Success;
        });
        return command;
    }

    private static void WriteHtml(string path, string png, AtlasLayout layout, int size, IReadOnlyList<ProvenanceCell> cells, double[] x, double[] y, double shareX, double shareY)
    {
        const int zoom = 2;
        var html = new StringBuilder();
        var (width, height) = (layout.Padding + layout.Columns * (size + layout.Padding), layout.Padding + layout.Rows * (size + layout.Padding));
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Latent atlas</title>\n<style>")
            .Append("body{font-family:sans-serif;background:#111;color:#ddd} #map{position:relative;display:inline-block} ")
            .Append("#map img{image-rendering:pixelated} .point{position:absolute;box-sizing:border-box} .point:hover{outline:2px solid #fc0} ")
            .Append("code{color:#9cf}</style></head><body>\n<h1>Latent atlas</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{cells.Count} latents placed by their first two principal components (x: PC1, {shareX:P1} of the variance; y: PC2, {shareY:P1}). ")
            .Append("Click a point to get the command that uses it as a keyframe or parent.</p>\n<p><code id=\"pick\">atelier animate RUN --keys ATLAS#I,ATLAS#J --out walk.gif</code></p>\n")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"map\"><img src=\"atlas.png\" width=\"{width * zoom}\" height=\"{height * zoom}\" alt=\"latent atlas\">\n");
        for (var i = 0; i < cells.Count; i++)
        {
            var (left, top) = layout.Corner(layout.Slots[i], size, size);
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"point\" data-index=\"{i}\" data-pc1=\"{x[i]:0.####}\" data-pc2=\"{y[i]:0.####}\" data-latent=\"{cells[i].LatentText}\" ")
                .Append(CultureInfo.InvariantCulture, $"style=\"left:{left * zoom}px;top:{top * zoom}px;width:{size * zoom}px;height:{size * zoom}px\" ")
                .Append(CultureInfo.InvariantCulture, $"title=\"#{i}  {WebUtility.HtmlEncode(cells[i].Recipe.ToString())}  (PC1 {x[i]:0.###}, PC2 {y[i]:0.###})\"></div>\n");
        }
        var file = WebUtility.HtmlEncode(Path.GetFullPath(png)).Replace("'", "\\'", StringComparison.Ordinal);
        html.Append("</div>\n<script>\nconst picked = [];\ndocument.querySelectorAll('.point').forEach(p => p.addEventListener('click', () => {\n")
            .Append($"  picked.push('{file}#' + p.dataset.index);\n")
            .Append("  document.getElementById('pick').textContent = 'atelier ' + (picked.length < 2 ? 'sample RUN --seeds ' : 'breed RUN --parents ') + picked.join(',') + ' --out picked.png';\n}));\n</script>\n</body></html>\n");
        File.WriteAllText(path, html.ToString());
    }
}
