using System.CommandLine;
using Atelier.Creation;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier favourite LINEAGE.json ID... [--remove]</c>: marks lineage entries as favourites (parents as <c>LINEAGE.json#favourites</c>).</summary>
public static class FavouriteCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("lineage") { Description = "A lineage file written by 'atelier breed --lineage'." };
        var ids = new Argument<int[]>("id") { Description = "The entries to mark.", Arity = ArgumentArity.OneOrMore };
        var remove = new Option<bool>("--remove") { Description = "Unmark them instead." };
        var quiet = Common.QuietOption();
        var command = new Command("favourite", "Mark bred latents as favourites in their lineage file.") { file, ids, remove, quiet };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UserException($"no lineage file at '{path}'");
            var lineage = Common.UserErrors(() => Lineage.Load(path));
            var marked = !parse.GetValue(remove);
            Common.UserErrors(() =>
            {
                lineage.SetFavourite(parse.GetValue(ids)!, marked);
                return 0;
            });
            lineage.Save(path);
            var favourites = lineage.Entries.Where(e => e.Favourite).Select(e => $"#{e.Id}").ToList();
            Output.Say(parse, quiet, $"Favourites of {path}: {(favourites.Count == 0 ? "none" : string.Join(", ", favourites))} (use them as --parents {path}#favourites)");
            return CommandRunner.Success;
        });
        return command;
    }
}
