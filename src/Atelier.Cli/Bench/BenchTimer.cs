using System.Diagnostics;

namespace Atelier.Cli.Bench;

/// <summary>Times a workload as MODELS.md asks: warm-up, then the median of timed blocks.</summary>
public static class BenchTimer
{
    /// <summary>Median seconds per call of <paramref name="run"/> over <paramref name="blocks"/> blocks of about <paramref name="blockSeconds"/> each.</summary>
    public static double MedianSeconds(Action run, int blocks = 7, double blockSeconds = 0.3)
    {
        var warmup = Stopwatch.StartNew();
        var calls = 0;
        do { run(); calls++; } while (warmup.Elapsed.TotalSeconds < blockSeconds || calls < 3);
        var perBlock = Math.Max(1, (int)(calls * blockSeconds / warmup.Elapsed.TotalSeconds));
        var times = new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perBlock; i++) run();
            times[b] = watch.Elapsed.TotalSeconds / perBlock;
        }
        Array.Sort(times);
        return times[blocks / 2];
    }

    /// <summary>Peak resident set size of this process in MiB (VmHWM), or the current working set where /proc is absent.</summary>
    public static double PeakResidentMiB()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
