using System.CommandLine;
using Atelier.Creation;
using Atelier.Evaluation;
using Atelier.Models.Vae;
using Atelier.Provenance;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier direction RUN NAME (--from-class A --to-class B [--n N] | --from KEYS --to KEYS)</c>: saves the direction from one
/// set of latents to another (the difference of their means) under a name, for <c>atelier strip</c>. Class means come from the
/// run's labelled data encoded by a VAE, or from a GAN's samples as a classifier of the data labels them.
/// </summary>
public static class DirectionCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var name = new Argument<string>("name") { Description = "The direction's name (letters, digits, _ and -, starting with a letter)." };
        var fromClass = new Option<string?>("--from-class") { Description = "The class the direction leads away from, by name or index." };
        var toClass = new Option<string?>("--to-class") { Description = "The class the direction leads towards." };
        var count = new Option<int>("--n") { Description = "With classes: images encoded (VAE) or samples classified (GAN) (default 1000).", DefaultValueFactory = _ => 1000 };
        var from = new Option<string?>("--from") { Description = $"Without classes: the latents it leads away from: {LatentExpression.Syntax}." };
        var to = new Option<string?>("--to") { Description = "Without classes: the latents it leads towards." };
        var quiet = Common.QuietOption();
        var command = new Command("direction", "Save a latent direction: from one class to another, or from one set of images to another.")
            { source, name, fromClass, toClass, count, from, to, quiet };
        command.SetAction(parse =>
        {
            var named = parse.GetValue(name)!;
            var byClass = parse.GetValue(fromClass) is not null || parse.GetValue(toClass) is not null;
            var bySets = parse.GetValue(from) is not null || parse.GetValue(to) is not null;
            if (byClass == bySets) throw new UserException("give either --from-class and --to-class, or --from and --to (sets of latents)");
            var n = parse.GetValue(count);
            if (n is < 2 or > 50_000) throw new UserException($"--n must be between 2 and 50000, got {n}");
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var library = loaded.Library();
            var dim = loaded.Model.Spec.LatentDim;
            float[] away, towards;
            string made;
            if (byClass)
            {
                var (a, b) = (parse.GetValue(fromClass) ?? throw new UserException("--from-class is missing"), parse.GetValue(toClass) ?? throw new UserException("--to-class is missing"));
                var (latents, classes, names, how) = Classes(loaded, n);
                var (ia, ib) = (ClassIndex(a, names, "--from-class"), ClassIndex(b, names, "--to-class"));
                away = Common.UserErrors(() => ClassLatents.Mean(latents, classes, ia, a));
                towards = Common.UserErrors(() => ClassLatents.Mean(latents, classes, ib, b));
                made = $"class {b} mean - class {a} mean, {how}";
            }
            else
            {
                var (a, b) = (parse.GetValue(from) ?? throw new UserException("--from is missing"), parse.GetValue(to) ?? throw new UserException("--to is missing"));
                away = ClassLatents.Mean([.. LatentExpression.ResolveList(a, dim, null, library, "--from").Select(c => c.Latent)]);
                towards = ClassLatents.Mean([.. LatentExpression.ResolveList(b, dim, null, library, "--to").Select(c => c.Latent)]);
                made = $"mean of {b} - mean of {a}";
            }
            var vector = towards.Zip(away, (t, f) => t - f).ToArray();
            Common.UserErrors(() =>
            {
                library.SetDirection(named, new LatentDirection(new ProvenanceCell(new SeedRecipe(0), vector).LatentText, made));
                return 0;
            });
            library.Save(loaded.LibraryPath);
            var length = Math.Sqrt(vector.Sum(v => (double)v * v));
            Output.Say(parse, quiet, $"Saved direction '{named}' ({made}; length {length:0.###}) in {loaded.LibraryPath}");
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>Latents with classes: a VAE's encodings of the run's labelled data, or a GAN's samples as a classifier of the data labels them.</summary>
    private static (float[][] Latents, int[] Classes, IReadOnlyList<string> Names, string How) Classes(LoadedModel loaded, int n)
    {
        var spec = loaded.Model.Spec;
        TrainingData? data = null;
        try
        {
            data = TrainingRun.LoadData(loaded.Config, spec, forTraining: false);
        }
        catch (Exception e) when (e is Data.DatasetFormatException or IOException)
        {
            if (loaded.Model is VaeModel || DataClassifier.BundledFor(spec) is null) throw new UserException($"class means need the run's data, which cannot be loaded: {e.Message}");
        }
        if (loaded.Model is VaeModel vae)
        {
            var (latents, classes) = Common.UserErrors(() => ClassLatents.Encoded(vae, data!.Train, n));
            return (latents, classes, data!.ClassNames, $"{latents.Length} training images encoded");
        }
        var (classifier, source) = data is null
            ? (DataClassifier.BundledFor(spec)!, "the bundled digit classifier")
            : Common.UserErrors(() => DataClassifier.For(spec, data));
        var (sampled, labels) = ClassLatents.Classified(loaded.Model, classifier, n);
        IReadOnlyList<string> names = data is { ClassNames.Count: > 0 } ? data.ClassNames : [.. Enumerable.Range(0, classifier.Classes).Select(i => $"{i}")];
        return (sampled, labels, names, $"{n} samples classified by {source}");
    }

    private static int ClassIndex(string wanted, IReadOnlyList<string> names, string option)
    {
        var byName = names.ToList().IndexOf(wanted);
        if (byName >= 0) return byName;
        if (int.TryParse(wanted, out var index) && index >= 0 && index < names.Count) return index;
        throw new UserException($"{option} '{wanted}' is not one of the classes: {string.Join(", ", names)}");
    }
}
