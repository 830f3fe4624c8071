using System.CommandLine;
using System.Globalization;
using Atelier.Cli.Bench;
using Atelier.Kernels;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier bench [--only NAME] [--threads N]</c>: one line per workload, then peak memory.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var only = new Option<string?>("--only") { Description = "Run only the workload with this name (e.g. dcgan), or else every workload whose name contains this text (e.g. sgemm)." };
        var threads = new Option<int>("--threads") { Description = "Threads for the kernels (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var openBlas = new Option<bool>("--openblas") { Description = "Also time sgemm through the system's OpenBLAS, in the same run, for a ratio." };
        var command = new Command("bench", "Measure the reference workloads of MODELS.md: NAME VALUE UNIT per line.") { only, threads, openBlas };
        command.SetAction(parse =>
        {
            var threadCount = parse.GetValue(threads);
            if (threadCount < 1) throw new UserException($"--threads must be at least 1, got {threadCount}");
            Backend.Threads = threadCount;
            var filter = parse.GetValue(only);
            var candidates = Workloads.All.ToList();
            if (parse.GetValue(openBlas))
            {
                var references = Workloads.OpenBlasReferences();
                if (references.Count == 0) throw new UserException("--openblas: OpenBLAS was not found; install it with 'apt-get install libopenblas0-pthread'");
                candidates.AddRange(references);
            }
            // An exact name picks one workload ("dcgan", not also "dcgan-sample"); otherwise any name containing the text.
            var selected = candidates.Where(w => filter is null || w.Name.Equals(filter, StringComparison.OrdinalIgnoreCase)).ToList();
            if (selected.Count == 0)
                selected = [.. candidates.Where(w => w.Name.Contains(filter!, StringComparison.OrdinalIgnoreCase))];
            if (selected.Count == 0)
                throw new UserException($"no workload matches '{filter}'; available: {string.Join(", ", Workloads.All.Select(w => w.Name))}");
            var output = parse.InvocationConfiguration.Output;
            var peak = 0.0;
            foreach (var workload in selected)
            {
                BenchTimer.StartWorkload();
                var (value, allocated) = workload.Measure();
                var resident = BenchTimer.PeakResidentMiB();
                peak = Math.Max(peak, resident);
                var line = string.Create(CultureInfo.InvariantCulture, $"{workload.Name,-16}{value,10:F2} {workload.Unit}");
                if (allocated is { } bytes)
                    line += string.Create(CultureInfo.InvariantCulture, $"  {bytes / 1024,10:F1} KiB allocated/{(workload.Unit == "us/image" ? "batch" : "step")}");
                output.WriteLine(line + string.Create(CultureInfo.InvariantCulture, $"  {resident,7:F1} MiB peak"));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"peak-rss",-16}{peak,10:F1} MiB"));
            return CommandRunner.Success;
        });
        return command;
    }
}
