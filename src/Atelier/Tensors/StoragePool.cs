namespace Atelier;

/// <summary>
/// Float arrays given back by ended <see cref="TensorScope"/>s and kernels' scratch, by exact length, one pool
/// per thread. A training step asks for the same sizes every time, so after the first step every request is
/// served from here and the step allocates no float memory at all. Unlike the shared ArrayPool, nothing is
/// trimmed behind the step's back, and no lock is taken.
/// </summary>
internal static class StoragePool
{
    /// <summary>Beyond this many pooled floats per thread (1 GiB), returned arrays are left to the garbage collector.</summary>
    private const long MaxPooledFloats = 1L << 28;

    [ThreadStatic] private static Dictionary<int, Stack<float[]>>? t_free;
    [ThreadStatic] private static long t_pooledFloats;

    public static float[] Rent(int length)
    {
        if (t_free is { } free && free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
        {
            t_pooledFloats -= length;
            return array;
        }
        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Takes <paramref name="array"/> back into this thread's pool; nothing may use it afterwards.</summary>
    public static void Return(float[] array)
    {
        if (t_pooledFloats + array.Length > MaxPooledFloats) return;
        var free = t_free ??= [];
        if (!free.TryGetValue(array.Length, out var stack)) free[array.Length] = stack = new Stack<float[]>();
        stack.Push(array);
        t_pooledFloats += array.Length;
    }
}
