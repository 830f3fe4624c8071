namespace Atelier;

/// <summary>
/// Float arrays returned by ended <see cref="TensorScope"/>s, by exact length. A training step asks for the
/// same shapes every time, so after the first step every request is served from here and the step allocates
/// no tensor memory at all.
/// </summary>
internal static class StoragePool
{
    /// <summary>Beyond this many pooled floats (1 GiB), returned arrays are left to the garbage collector.</summary>
    private const long MaxPooledFloats = 1L << 28;

    private static readonly Dictionary<int, Stack<float[]>> s_free = [];
    private static readonly Lock s_lock = new();
    private static long s_pooledFloats;

    public static float[] Rent(int length)
    {
        lock (s_lock)
        {
            if (s_free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
            {
                s_pooledFloats -= length;
                return array;
            }
        }
        return GC.AllocateUninitializedArray<float>(length);
    }

    public static void Return(float[] array)
    {
        lock (s_lock)
        {
            if (s_pooledFloats + array.Length > MaxPooledFloats) return;
            if (!s_free.TryGetValue(array.Length, out var stack)) s_free[array.Length] = stack = new Stack<float[]>();
            stack.Push(array);
            s_pooledFloats += array.Length;
        }
    }
}
