using System.Numerics.Tensors;

namespace Atelier.Kernels;

/// <summary>Reductions over one axis of a tensor viewed as (outer, n, inner).</summary>
internal static class Reductions
{
    /// <summary>dst[o, i] = sum_j src[o, j, i].  src: (outer, n, inner), dst: (outer, inner).</summary>
    public static void SumAxis(ReadOnlySpan<float> src, int outer, int n, int inner, Span<float> dst)
    {
        for (var o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                dst[o] = TensorPrimitives.Sum(src.Slice(o * n, n));
                continue;
            }
            var row = dst.Slice(o * inner, inner);
            src.Slice(o * n * inner, inner).CopyTo(row);
            for (var j = 1; j < n; j++)
                TensorPrimitives.Add(row, src.Slice((o * n + j) * inner, inner), row);
        }
    }

    /// <summary>dst[o, i] = max_j src[o, j, i] and the j that attains it (the first on ties).</summary>
    public static void MaxAxis(ReadOnlySpan<float> src, int outer, int n, int inner, Span<float> dst, Span<int> argmax)
    {
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var best = float.NegativeInfinity;
                var bestIndex = 0;
                for (var j = 0; j < n; j++)
                {
                    var v = src[(o * n + j) * inner + i];
                    if (v > best || float.IsNaN(v) && !float.IsNaN(best)) { best = v; bestIndex = j; }
                }
                dst[o * inner + i] = best;
                argmax[o * inner + i] = bestIndex;
            }
        }
    }

    public static (int Outer, int N, int Inner) Split(int[] dims, int axis)
    {
        int outer = 1, inner = 1;
        for (var i = 0; i < axis; i++) outer *= dims[i];
        for (var i = axis + 1; i < dims.Length; i++) inner *= dims[i];
        return (outer, dims[axis], inner);
    }
}
