using System.Runtime.Intrinsics;

namespace Atelier.Kernels;

/// <summary>Vectorised element-wise kernels that TensorPrimitives does not provide.</summary>
internal static class Activations
{
    /// <summary>dst[i] = x[i] &gt; 0 ? positive : negative (the derivative of (leaky) ReLU).</summary>
    public static void Step(ReadOnlySpan<float> x, float positive, float negative, Span<float> dst)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var (p, n) = (Vector512.Create(positive), Vector512.Create(negative));
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Create(x.Slice(i, Vector512<float>.Count)), Vector512<float>.Zero), p, n)
                    .CopyTo(dst.Slice(i, Vector512<float>.Count));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var (p, n) = (Vector256.Create(positive), Vector256.Create(negative));
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Create(x.Slice(i, Vector256<float>.Count)), Vector256<float>.Zero), p, n)
                    .CopyTo(dst.Slice(i, Vector256<float>.Count));
        }
        for (; i < x.Length; i++) dst[i] = x[i] > 0 ? positive : negative;
    }

    /// <summary>dst[i] = g[i] * (x[i] &gt; 0 ? positive : negative).</summary>
    public static void ScaleByStep(ReadOnlySpan<float> x, ReadOnlySpan<float> g, float positive, float negative, Span<float> dst)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var (p, n) = (Vector512.Create(positive), Vector512.Create(negative));
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var scale = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Create(x.Slice(i, Vector512<float>.Count)), Vector512<float>.Zero), p, n);
                (Vector512.Create(g.Slice(i, Vector512<float>.Count)) * scale).CopyTo(dst.Slice(i, Vector512<float>.Count));
            }
        }
        for (; i < x.Length; i++) dst[i] = g[i] * (x[i] > 0 ? positive : negative);
    }

    /// <summary>dst[i] = x[i] &gt; 0 ? x[i] : slope * x[i].</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> dst)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512.Create(slope);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.Create(x.Slice(i, Vector512<float>.Count));
                Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, v * s).CopyTo(dst.Slice(i, Vector512<float>.Count));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(slope);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, v * s).CopyTo(dst.Slice(i, Vector256<float>.Count));
            }
        }
        for (; i < x.Length; i++) dst[i] = x[i] > 0 ? x[i] : slope * x[i];
    }
}
