namespace Atelier;

/// <summary>
/// Float arrays given back by ended <see cref="TensorScope"/>s and kernels' scratch, by exact length, one pool
/// per thread. A training step asks for the same sizes every time, so after the first step every request is
/// served from here and the step allocates no float memory at all. Unlike the shared ArrayPool, nothing is
/// trimmed behind the step's back; <see cref="ReleaseAll"/> empties every thread's pool on request.
/// </summary>
internal static class StoragePool
{
    /// <summary>Beyond this many pooled floats per thread (1 GiB), returned arrays are left to the garbage collector.</summary>
    private const long MaxPooledFloats = 1L << 28;

    // Every thread's pool, weakly, so that ReleaseAll can reach them and a finished thread's pool can be collected.
    private static readonly List<WeakReference<Pool>> s_pools = [];

    [ThreadStatic] private static Pool? t_pool;

    private sealed class Pool
    {
        public readonly Dictionary<int, Stack<float[]>> Free = [];
        public long Floats;
    }

    public static float[] Rent(int length)
    {
        var pool = t_pool ?? Register();
        lock (pool)
        {
            if (pool.Free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
            {
                pool.Floats -= length;
                return array;
            }
        }
        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Takes <paramref name="array"/> back into this thread's pool; nothing may use it afterwards.</summary>
    public static void Return(float[] array)
    {
        var pool = t_pool ?? Register();
        lock (pool)
        {
            if (pool.Floats + array.Length > MaxPooledFloats) return;
            if (!pool.Free.TryGetValue(array.Length, out var stack)) pool.Free[array.Length] = stack = new Stack<float[]>();
            stack.Push(array);
            pool.Floats += array.Length;
        }
    }

    /// <summary>Empties every thread's pool, so that the garbage collector can reclaim the arrays.</summary>
    public static void ReleaseAll()
    {
        lock (s_pools)
        {
            foreach (var reference in s_pools)
            {
                if (!reference.TryGetTarget(out var pool)) continue;
                lock (pool)
                {
                    pool.Free.Clear();
                    pool.Floats = 0;
                }
            }
        }
    }

    private static Pool Register()
    {
        var pool = new Pool();
        lock (s_pools)
        {
            s_pools.RemoveAll(reference => !reference.TryGetTarget(out _));
            s_pools.Add(new WeakReference<Pool>(pool));
        }
        t_pool = pool;
        return pool;
    }
}
