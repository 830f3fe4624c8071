using System.CommandLine;
using Atelier.Provenance;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier strip RUN --from X --direction D [--steps 7] [--scale S] --out FILE.png</c>: images along a saved direction,
/// X + t × D for t from −S to S, each recorded as <c>along(X, D, t)</c>.
/// </summary>
public static class StripCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var from = new Option<string>("--from") { Description = $"The latent in the middle of the strip: {LatentExpression.Syntax}.", Required = true };
        var direction = new Option<string>("--direction") { Description = "A direction saved with 'atelier direction'.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Images in the strip (default 7).", DefaultValueFactory = _ => 7 };
        var scale = new Option<float>("--scale") { Description = "How far to go each way, in lengths of the direction (default 1: the whole difference of its means).", DefaultValueFactory = _ => 1f };
        var classOption = Common.ClassOption("the class of every image, by name or index (default: the latent's own, else the first class)");
        var output = new Option<string>("--out") { Description = "The PNG strip to write.", Required = true };
        var quiet = Common.QuietOption();
        var command = new Command("strip", "A strip of images along a latent direction through a latent.") { source, from, direction, steps, scale, classOption, output, quiet };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(output)!;
            if (!target.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UserException($"--out must be a .png file, got '{target}'");
            var count = parse.GetValue(steps);
            if (count is < 2 or > 100) throw new UserException($"--steps must be between 2 and 100, got {count}");
            var reach = parse.GetValue(scale);
            if (!float.IsFinite(reach) || reach <= 0) throw new UserException($"--scale must be a positive number, got {reach}");
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var library = loaded.Library();
            var named = parse.GetValue(direction)!;
            if (!library.Directions.TryGetValue(named, out var saved))
                throw new UserException($"'{named}' is not a direction of this run ({(library.Directions.Count == 0 ? "it has none yet: make one with 'atelier direction'" : $"its directions: {string.Join(", ", library.Directions.Keys)}")})");
            var vector = ProvenanceCell.ParseLatent(saved.Vector) ?? throw new UserException($"the direction '{named}' holds no readable vector");
            var dim = loaded.Model.Spec.LatentDim;
            if (vector.Length != dim) throw new UserException($"the direction '{named}' has {vector.Length} values; this model's latents have {dim}");
            var origin = LatentExpression.Resolve(parse.GetValue(from)!, dim, null, library, "--from");
            var label = Common.ClassIndex(parse.GetValue(classOption), loaded) ?? origin.Class ?? (loaded.Model.Classes > 0 ? 0 : null);
            var cells = Enumerable.Range(0, count).Select(i =>
            {
                var t = -reach + 2 * reach * i / (count - 1);
                var latent = origin.Latent.Zip(vector, (z, v) => z + t * v).ToArray();
                return Common.WithClass(new ProvenanceCell(new AlongRecipe(origin.Recipe, named, t), latent), label, loaded);
            }).ToList();
            var provenance = new ImageProvenance(loaded.Source(), new GridLayout(count), null, cells);
            var images = Common.Generate(loaded.Model, provenance);
            Output.EnsureParent(target);
            ProvenancePng.Save(target, images, provenance);
            Output.Say(parse, quiet, $"Wrote {count} images along '{named}' through {origin.Recipe} (from -{reach} to +{reach}) to {target}");
            return CommandRunner.Success;
        });
        return command;
    }
}
