namespace Atelier.Kernels;

/// <summary>The backend the ops use, and the number of threads the kernels may use.</summary>
public static class Backend
{
    private static int s_threads = Environment.ProcessorCount;
    private static WorkerPool? s_pool;

    public static IBackend Current { get; set; } = new ManagedBackend();

    /// <summary>Worker threads for parallel kernels (1 = single-threaded). Defaults to the core count.</summary>
    public static int Threads
    {
        get => s_threads;
        set => s_threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), $"threads must be at least 1, got {value}");
    }

    /// <summary>Whether this thread is running an iteration of a parallel loop (nested loops run serially).</summary>
    internal static bool InsideParallelLoop => WorkerPool.InsideLoop;

    /// <summary>
    /// Runs body(start, count) over [0, length) in pieces of at least <paramref name="minPiece"/> elements,
    /// spread over the threads: for element-wise passes large enough that memory bandwidth limits them.
    /// </summary>
    internal static void ParallelPieces(int length, int minPiece, Action<int, int> body)
    {
        var pieces = Math.Clamp(length / minPiece, 1, s_threads * 4);
        if (pieces == 1 || s_threads == 1)
        {
            body(0, length);
            return;
        }
        // Boundaries fall on multiples of 16 elements (a whole AVX-512 vector), so that a vectorised kernel
        // treats every element exactly as it would in one pass: only the last piece has a scalar tail.
        int Boundary(int piece) => piece == pieces ? length : (int)((long)length * piece / pieces) & ~15;
        ParallelFor(pieces, piece => body(Boundary(piece), Boundary(piece + 1) - Boundary(piece)));
    }

    /// <summary>Runs body(0..count-1), spread over <see cref="Threads"/> threads when count &gt; 1.</summary>
    internal static void ParallelFor(int count, Action<int> body)
    {
        var threads = s_threads;
        if (count <= 1 || threads == 1)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        var pool = s_pool;
        if (pool is null || pool.Workers < threads - 1)
        {
            // Workers are never torn down; a job admits only Threads - 1 of them.
            pool = new WorkerPool(threads - 1);
            s_pool = pool;
        }
        pool.For(count, threads - 1, body);
    }
}
