namespace Atelier.Kernels;

/// <summary>The backend the ops use, and the number of threads the kernels may use.</summary>
public static class Backend
{
    private static int s_threads = Environment.ProcessorCount;

    public static IBackend Current { get; set; } = new ManagedBackend();

    /// <summary>Worker threads for parallel kernels (1 = single-threaded). Defaults to the core count.</summary>
    public static int Threads
    {
        get => s_threads;
        set => s_threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), $"threads must be at least 1, got {value}");
    }

    /// <summary>Runs body(0..count-1), spread over <see cref="Threads"/> threads when count &gt; 1.</summary>
    internal static void ParallelFor(int count, Action<int> body)
    {
        if (count <= 1 || s_threads == 1)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = s_threads }, body);
    }
}
