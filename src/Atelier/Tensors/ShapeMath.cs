namespace Atelier;

/// <summary>Shape arithmetic shared by the ops: products, axes, broadcasting, formatting.</summary>
internal static class ShapeMath
{
    public static int Product(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
            if (n > Array.MaxLength) throw new ArgumentException($"shape {Format(shape)} has more elements than an array can hold");
        }
        return (int)n;
    }

    public static int[] Validate(int[] shape)
    {
        foreach (var d in shape)
            if (d < 0) throw new ArgumentException($"shape {Format(shape)} has a negative dimension");
        return shape;
    }

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>The distinct axes, made non-negative, in descending order.</summary>
    public static int[] NormalizeAxes(int[] axes, int rank)
    {
        var result = new int[axes.Length];
        var count = 0;
        foreach (var axis in axes)
        {
            var normalized = NormalizeAxis(axis, rank);
            if (Array.IndexOf(result, normalized, 0, count) < 0) result[count++] = normalized;
        }
        Array.Resize(ref result, count);
        Array.Sort(result);
        Array.Reverse(result);
        return result;
    }

    /// <summary>The dimensions of <paramref name="shape"/> without the given axes.</summary>
    public static int[] RemoveAxes(int[] shape, int[] axes)
    {
        var result = new int[shape.Length - axes.Length];
        var next = 0;
        for (var i = 0; i < shape.Length; i++)
            if (Array.IndexOf(axes, i) < 0) result[next++] = shape[i];
        return result;
    }

    public static int NormalizeAxis(int axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ArgumentOutOfRangeException(nameof(axis), $"axis {axis} is out of range for a tensor of rank {rank}");
        return a;
    }

    public static int FlatIndex(int[] shape, int[] index)
    {
        if (index.Length != shape.Length)
            throw new ArgumentException($"index of rank {index.Length} for a tensor of shape {Format(shape)}");
        var flat = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            if ((uint)index[i] >= (uint)shape[i])
                throw new IndexOutOfRangeException($"index {Format(index)} is outside shape {Format(shape)}");
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        var s = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>The NumPy broadcast of two shapes, or an error quoting both.</summary>
    public static int[] Broadcast(int[] a, int[] b, string op)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides of <paramref name="shape"/> read as if broadcast to <paramref name="target"/> (0 on broadcast axes).</summary>
    public static int[] BroadcastStrides(int[] shape, int[] target)
    {
        var own = Strides(shape);
        var result = new int[target.Length];
        var shift = target.Length - shape.Length;
        for (var i = 0; i < shape.Length; i++)
            result[i + shift] = shape[i] == 1 && target[i + shift] != 1 ? 0 : own[i];
        return result;
    }
}
