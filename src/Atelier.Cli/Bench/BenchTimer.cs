using System.Diagnostics;

namespace Atelier.Cli.Bench;

/// <summary>Times a workload as MODELS.md asks: warm-up, then the median of timed blocks.</summary>
public static class BenchTimer
{
    private const double WarmupSeconds = 1.0;
    private const int WarmupCalls = 40;

    public sealed record Timing(double MedianSeconds, double AllocatedBytesPerCall);

    /// <summary>
    /// Median seconds per call of <paramref name="run"/> over <paramref name="blocks"/> blocks of about
    /// <paramref name="blockSeconds"/> each, and the managed bytes allocated per call (all threads) in the steady state after warm-up.
    /// </summary>
    public static Timing Measure(Action run, int blocks = 7, double blockSeconds = 0.3)
    {
        // The warm-up is long enough for the JIT's tiering to finish: a method is recompiled with full
        // optimisation only after 30 calls, and until then vectorised library code runs many times slower.
        var warmup = Stopwatch.StartNew();
        var calls = 0;
        do { run(); calls++; } while (warmup.Elapsed.TotalSeconds < WarmupSeconds || calls < WarmupCalls);
        warmup.Restart();
        for (var i = 0; i < calls; i++) run();
        var perBlock = Math.Max(1, (int)(calls * blockSeconds / warmup.Elapsed.TotalSeconds));

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var times = new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perBlock; i++) run();
            times[b] = watch.Elapsed.TotalSeconds / perBlock;
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Array.Sort(times);
        return new Timing(times[blocks / 2], (double)allocated / (blocks * perBlock));
    }

    /// <summary>
    /// Starts a workload afresh: the previous one's pooled memory is released and collected, and the peak
    /// resident set size is reset (Linux: writing 5 to /proc/self/clear_refs), so that each workload's
    /// peak is its own.
    /// </summary>
    public static void StartWorkload()
    {
        TensorScope.ReleasePooledMemory();
        // Aggressive: compacts every generation and gives the freed memory back to the operating system.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without it, each figure is the peak of the run so far.
        }
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
