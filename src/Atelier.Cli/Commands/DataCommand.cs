using System.CommandLine;
using Atelier.Data.Doctor;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier data check PATH [--out DIR] [--near T]</c>: checks an image folder (unreadable files, duplicates, sizes,
/// modes, class balance) and writes a report and a clean manifest that <c>atelier train --data</c> accepts.
/// </summary>
public static class DataCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A folder of images, flat or with one sub-folder per class." };
        var output = new Option<string?>("--out") { Description = "Where report.md, report.json and manifest.txt go (default: PATH-check beside the folder)." };
        var near = new Option<double?>("--near") { Description = "Near-duplicate threshold: thumbnail distance from 0 (exact copies only) to 2 (default 0.1)." };
        var quiet = Common.QuietOption();
        var check = new Command("check", "Check an image folder before training: unreadable files, duplicates, sizes, modes, class balance; write a clean manifest.")
        {
            path, output, near, quiet,
        };
        check.SetAction(parse =>
        {
            var folder = parse.GetValue(path)!;
            var options = Common.UserErrors(() => parse.GetValue(near) is double t ? DatasetDoctorOptions.Default with { NearThreshold = t } : DatasetDoctorOptions.Default);
            var result = DatasetDoctor.Check(folder, options);
            var directory = parse.GetValue(output) ?? result.Root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + "-check";
            try
            {
                DatasetCheckReport.Write(result, directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserException($"cannot write the report to {directory} ({e.Message.ReplaceLineEndings(" ")}); choose a writable folder with --out");
            }
            var writer = parse.InvocationConfiguration.Output;
            if (!parse.GetValue(quiet))
            {
                foreach (var line in DatasetCheckReport.Summary(result)) writer.WriteLine(line);
                writer.WriteLine($"  report:      {Path.Combine(directory, DatasetCheckReport.MarkdownFile)} (and {DatasetCheckReport.JsonFile})");
                writer.WriteLine($"  train with:  atelier train --data {Path.Combine(directory, DatasetCheckReport.ManifestFile)} ...");
            }
            if (result.Manifest.Entries.Count == 0)
                throw new UserException($"{folder}: none of its {result.ImageFiles} image file(s) can be used; see {Path.Combine(directory, DatasetCheckReport.MarkdownFile)}");
            return CommandRunner.Success;
        });
        return new Command("data", "Check datasets.") { check };
    }
}
