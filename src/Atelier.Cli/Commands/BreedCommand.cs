using System.CommandLine;
using Atelier.Creation;
using Atelier.Provenance;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier breed RUN --parents A,B [--children N] [--mutation X] [--crossover uniform|blend] [--seed S] [--lineage FILE.json] --out FILE.png</c>:
/// children of two (or more) parents, each recorded as <c>breed(p1, p2, seed S, mutation X, uniform)</c> and, with --lineage, as an
/// entry listing its parents, so that a child can parent the next generation (<c>lineage.json#ID</c>).
/// </summary>
public static class BreedCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var parents = new Option<string>("--parents") { Description = $"The parents, at least 2: {LatentExpression.Syntax}.", Required = true };
        var children = new Option<int>("--children") { Description = "Number of children (default 8).", DefaultValueFactory = _ => 8 };
        var mutation = new Option<float>("--mutation") { Description = "How far each child strays towards fresh noise, 0 to 1 (default 0.2).", DefaultValueFactory = _ => 0.2f };
        var crossover = new Option<string>("--crossover") { Description = "uniform (each latent component from either parent, the default) or blend (a point between them).", DefaultValueFactory = _ => "uniform" };
        var seed = new Option<long>("--seed") { Description = "Child i is bred with seed S + i (default 0): the same seed breeds the same children.", DefaultValueFactory = _ => 0 };
        var lineage = new Option<string?>("--lineage") { Description = "A lineage JSON file to extend with the parents and children (created if missing)." };
        var classOption = Common.ClassOption("the class of every child, by name or index (default: the first parent's)");
        var output = new Option<string>("--out") { Description = "The PNG grid of children to write.", Required = true };
        var quiet = Common.QuietOption();
        var command = new Command("breed", "Breed children from parent latents (crossover and mutation), recording their genealogy.")
            { source, parents, children, mutation, crossover, seed, lineage, classOption, output, quiet };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(output)!;
            if (!target.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UserException($"--out must be a .png file, got '{target}'");
            var count = parse.GetValue(children);
            if (count is < 1 or > 1000) throw new UserException($"--children must be between 1 and 1000, got {count}");
            var strength = parse.GetValue(mutation);
            if (!(strength is >= 0f and <= 1f)) throw new UserException($"--mutation must be between 0 and 1, got {strength}");
            var mix = Crossovers.Parse(parse.GetValue(crossover)!)
                ?? throw new UserException($"--crossover must be {Crossovers.Choices}, got '{parse.GetValue(crossover)}'");
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var model = loaded.Model;
            var keys = parse.GetValue(parents)!;
            var parentCells = LatentExpression.ResolveList(keys, model.Spec.LatentDim, null, loaded.Library(), "--parents");
            if (parentCells.Count < 2) throw new UserException($"--parents needs at least 2 parents, got {parentCells.Count}");
            var label = Common.ClassIndex(parse.GetValue(classOption), loaded) ?? parentCells[0].Class ?? (model.Classes > 0 ? 0 : null);

            var first = parse.GetValue(seed);
            var pairs = Enumerable.Range(0, count).Select(i => Pair(parentCells.Count, first + i)).ToList();
            var cells = pairs.Select((pair, i) =>
            {
                var (a, b) = (parentCells[pair.A], parentCells[pair.B]);
                var recipe = new BreedRecipe(a.Recipe, b.Recipe, first + i, strength, mix);
                return Common.WithClass(new ProvenanceCell(recipe, Breeding.Child(a.Latent, b.Latent, first + i, strength, mix)), label, loaded);
            }).ToList();
            var provenance = new ImageProvenance(loaded.Source(), new GridLayout((int)Math.Ceiling(Math.Sqrt(count))), null, cells);
            var images = Common.Generate(model, provenance); // (children, C, H, W)
            Output.EnsureParent(target);
            ProvenancePng.Save(target, images, provenance);

            var said = $"Wrote {count} children of {parentCells.Count} parents to {target}";
            if (parse.GetValue(lineage) is string file)
            {
                var family = Common.UserErrors(() => Lineage.LoadOrCreate(file, model.Spec.Name));
                var keyList = keys.Split(',', StringSplitOptions.TrimEntries);
                var parentIds = parentCells.Select((p, i) => family.Include(p.Recipe.ToString(), p.LatentText, p.Class,
                    $"given as {(parentCells.Count == keyList.Length ? keyList[i] : keys)}", null)).ToArray();
                var made = $"{mix.ToString().ToLowerInvariant()} crossover, mutation {strength}";
                var ids = cells.Select((c, i) => family.AddChild(c.Recipe.ToString(), c.LatentText, c.Class, [parentIds[pairs[i].A], parentIds[pairs[i].B]],
                    $"{made}, seed {first + i}", $"{Path.GetFileName(target)}#{i}").Id).ToList();
                Output.EnsureParent(file);
                family.Save(file);
                said += $"; lineage {file}: children #{ids[0]} to #{ids[^1]} (breed them on with --parents {file}#{ids[0]},{file}#{ids[^1]})";
            }
            Output.Say(parse, quiet, said);
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>The two parents of a child: the only two, or two different ones drawn with the child's seed.</summary>
    private static (int A, int B) Pair(int parents, long seed)
    {
        if (parents == 2) return (0, 1);
        var random = new Generator(seed);
        var a = random.NextInt(parents);
        var b = (a + 1 + random.NextInt(parents - 1)) % parents;
        return (a, b);
    }
}
