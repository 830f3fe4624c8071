using System.CommandLine;
using Atelier.Imaging;
using Atelier.Provenance;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier info FILE.png [--latents]</c>: how an image made by Atelier was made, and whether its provenance is
/// complete and unedited. A damaged or incomplete provenance is listed field by field as found, then named as an error.
/// </summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A PNG made by Atelier." };
        var latents = new Option<bool>("--latents") { Description = "Also print each image's exact latent (base64 of little-endian float32)." };
        var command = new Command("info", "Show how an image made by Atelier was made (its provenance), and check it.") { file, latents };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var reading = ProvenancePng.Read(path);
            var output = parse.InvocationConfiguration.Output;
            if (reading.Provenance is ImageProvenance provenance) Print(output, path, provenance, reading.Fields, parse.GetValue(latents));
            else if (reading.Fields.Count > 0) PrintAsFound(output, path, reading.Fields);
            if (!reading.IsIntact) throw new UserException($"{path}: {reading.Summary}");
            output.WriteLine($"provenance: intact (checksum, recipes and pixels verified)");
            return CommandRunner.Success;
        });
        return command;
    }

    private static void Print(TextWriter output, string path, ImageProvenance provenance, IReadOnlyList<PngText> fields, bool latents)
    {
        output.WriteLine(path);
        output.WriteLine($"  disclosure:  {provenance.Disclosure}");
        output.WriteLine($"  made with:   {provenance.Tool}");
        output.WriteLine($"  model:       {provenance.Source.Model}");
        output.WriteLine($"  checkpoint:  {provenance.Source.Checkpoint}");
        output.WriteLine($"  sha-256:     {provenance.Source.Sha256}");
        output.WriteLine($"  layout:      {provenance.Layout}");
        output.WriteLine($"  truncation:  {provenance.Truncation?.ToString() ?? "none"}");
        output.WriteLine($"  images:      {provenance.Cells.Count}, latents of {provenance.Cells[0].Latent.Length} values{(latents ? "" : " (--latents prints them)")}");
        for (var i = 0; i < provenance.Cells.Count; i++)
        {
            var cell = provenance.Cells[i];
            output.WriteLine($"    #{i}  {cell.Recipe}{(cell.Class is null ? "" : $"  class {cell.ClassText}")}");
            if (latents) output.WriteLine($"        latent: {cell.LatentText}");
        }
        foreach (var other in fields.Where(f => !ProvenanceFields.IsProvenanceField(f.Keyword)))
            output.WriteLine($"  {other.Keyword}: {other.Text}");
    }

    private static void PrintAsFound(TextWriter output, string path, IReadOnlyList<PngText> fields)
    {
        output.WriteLine($"{path} (as found)");
        foreach (var field in fields)
        {
            var lines = field.Text.Split('\n');
            output.WriteLine(lines.Length == 1 ? $"  {field.Keyword}: {field.Text}" : $"  {field.Keyword}: {lines.Length} lines");
            if (lines.Length > 1)
                for (var i = 0; i < lines.Length; i++) output.WriteLine($"    #{i}  {lines[i]}");
        }
    }
}
