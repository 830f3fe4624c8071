using System.CommandLine;
using Atelier.Creation;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier bookmark RUN [NAME [SOURCE]] [--delete]</c>: names a latent of the run (a seed, a PNG, a lineage entry, an expression),
/// lists the run's bookmarks and directions (no NAME), or deletes one (<c>--delete</c>). Bookmarks are kept in RUN/latents.json.
/// </summary>
public static class BookmarkCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var name = new Argument<string?>("name") { Description = "The bookmark's name (letters, digits, _ and -, starting with a letter).", Arity = ArgumentArity.ZeroOrOne };
        var latent = new Argument<string?>("source") { Description = $"The latent to bookmark: {LatentExpression.Syntax}.", Arity = ArgumentArity.ZeroOrOne };
        var delete = new Option<bool>("--delete") { Description = "Delete the bookmark (or direction) NAME." };
        var quiet = Common.QuietOption();
        var command = new Command("bookmark", "Name a latent of a run for later use (e.g. \"smile - neutral + seed 7\"); without a name, list them.") { source, name, latent, delete, quiet };
        command.SetAction(parse =>
        {
            var loaded = ModelLoader.Load(parse.GetValue(source)!);
            var library = loaded.Library();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(name) is not string named)
            {
                if (parse.GetValue(delete)) throw new UserException("--delete needs the NAME of the bookmark or direction to delete");
                foreach (var (key, bookmark) in library.Bookmarks) output.WriteLine($"bookmark  {key}: {bookmark.Recipe}{(bookmark.Class is int c ? $"  class {c}" : "")}");
                foreach (var (key, direction) in library.Directions) output.WriteLine($"direction {key}: {direction.Made}");
                if (library.Bookmarks.Count + library.Directions.Count == 0) output.WriteLine($"{loaded.RunDirectory} has no bookmarks or directions yet");
                return CommandRunner.Success;
            }
            if (parse.GetValue(delete))
            {
                if (parse.GetValue(latent) is not null) throw new UserException("--delete takes a NAME only, not a SOURCE");
                if (!library.Remove(named)) throw new UserException($"the run has no bookmark or direction named '{named}'");
                library.Save(loaded.LibraryPath);
                Output.Say(parse, quiet, $"Deleted '{named}' from {loaded.LibraryPath}");
                return CommandRunner.Success;
            }
            var text = parse.GetValue(latent) ?? throw new UserException($"give the latent to bookmark as '{named}' (a seed, PNG or expression), or --delete");
            var cell = LatentExpression.Resolve(text, loaded.Model.Spec.LatentDim, null, library, "SOURCE");
            Common.UserErrors(() =>
            {
                library.SetBookmark(named, new Bookmark(cell.Recipe.ToString(), cell.LatentText, cell.Class));
                return 0;
            });
            library.Save(loaded.LibraryPath);
            Output.Say(parse, quiet, $"Bookmarked '{named}' = {cell.Recipe} in {loaded.LibraryPath}");
            return CommandRunner.Success;
        });
        return command;
    }
}
