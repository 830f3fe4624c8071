using System.Diagnostics;

namespace Atelier.Kernels;

/// <summary>
/// A small pool of dedicated threads for the kernels' parallel loops. Idle workers spin for a short while
/// before sleeping, so the back-to-back parallel loops of a training step start on every core at once
/// (the .NET thread pool takes tens of microseconds to wake a worker, by which time the calling thread has
/// usually done all the work itself). Items are claimed dynamically, so a late worker costs nothing.
/// </summary>
internal sealed class WorkerPool
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000; // 0.5 ms
    [ThreadStatic] private static bool t_inside;

    private readonly SemaphoreSlim _wake = new(0);
    private Job? _job;
    private int _sleepers;

    public WorkerPool(int workers)
    {
        Workers = workers;
        for (var i = 0; i < workers; i++)
            new Thread(WorkerLoop) { IsBackground = true, Name = $"atelier-worker-{i}" }.Start();
    }

    public int Workers { get; }

    /// <summary>Whether the current thread is inside a parallel loop's body.</summary>
    public static bool InsideLoop => t_inside;

    /// <summary>Runs body(0..count-1) on the calling thread and at most <paramref name="helpers"/> workers.</summary>
    public void For(int count, int helpers, Action<int> body)
    {
        if (count <= 0) return;
        if (count == 1 || t_inside)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        var job = new Job(body, count, helpers);
        Volatile.Write(ref _job, job);
        var sleepers = Volatile.Read(ref _sleepers);
        if (sleepers > 0) _wake.Release(Math.Min(sleepers, count - 1));
        t_inside = true;
        try
        {
            job.Work();
        }
        finally
        {
            t_inside = false;
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref job.Done) < count) spin.SpinOnce(sleep1Threshold: -1);
        if (job.Error is { } error) throw new AggregateException(error).InnerExceptions[0];
    }

    private void WorkerLoop()
    {
        t_inside = true;
        Job? last = null;
        while (true)
        {
            var job = WaitForJob(last);
            last = job;
            if (job.Join()) job.Work();
        }
    }

    private Job WaitForJob(Job? last)
    {
        var start = Stopwatch.GetTimestamp();
        var spin = new SpinWait();
        while (true)
        {
            var job = Volatile.Read(ref _job);
            if (job is not null && job != last && !job.Exhausted) return job;
            if (Stopwatch.GetTimestamp() - start < SpinTicks)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            Interlocked.Increment(ref _sleepers);
            job = Volatile.Read(ref _job);
            if (job is null || job == last || job.Exhausted) _wake.Wait();
            Interlocked.Decrement(ref _sleepers);
            start = Stopwatch.GetTimestamp();
        }
    }

    private sealed class Job(Action<int> body, int count, int helpers)
    {
        private int _next;
        private int _joined;
        public int Done;
        public Exception? Error;

        public bool Exhausted => Volatile.Read(ref _next) >= count;

        /// <summary>Admits a worker while fewer than the allowed number of helpers have joined.</summary>
        public bool Join() => Interlocked.Increment(ref _joined) <= helpers;

        public void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref _next) - 1) < count)
            {
                try
                {
                    body(i);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref Error, e, null);
                }
                finally
                {
                    Interlocked.Increment(ref Done);
                }
            }
        }
    }
}
