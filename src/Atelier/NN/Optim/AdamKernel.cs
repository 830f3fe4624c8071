using System.Runtime.Intrinsics;

namespace Atelier.NN.Optim;

/// <summary>The fused Adam update, one pass over parameter, gradient and both moments.</summary>
internal static class AdamKernel
{
    /// <summary>
    /// g' = g + l2 p; m = b1 m + (1 - b1) g'; v = b2 v + (1 - b2) g'^2; p -= stepSize m / (sqrt(v) / c2 + eps).
    /// </summary>
    public static void Update(Span<float> p, ReadOnlySpan<float> grad, Span<float> m, Span<float> v,
        float b1, float b2, float l2, float stepSize, float c2, float eps)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var (vb1, vb2, vl2) = (Vector512.Create(b1), Vector512.Create(b2), Vector512.Create(l2));
            var (vb1c, vb2c, vstep, vc2, veps) = (Vector512.Create(1 - b1), Vector512.Create(1 - b2), Vector512.Create(stepSize), Vector512.Create(1f / c2), Vector512.Create(eps));
            for (; i <= p.Length - 16; i += 16)
            {
                var pv = Vector512.Create(p.Slice(i, 16));
                var g = Vector512.Create(grad.Slice(i, 16)) + vl2 * pv;
                var mv = vb1 * Vector512.Create(m.Slice(i, 16)) + vb1c * g;
                var vv = vb2 * Vector512.Create(v.Slice(i, 16)) + vb2c * g * g;
                mv.CopyTo(m.Slice(i, 16));
                vv.CopyTo(v.Slice(i, 16));
                (pv - vstep * mv / (Vector512.Sqrt(vv) * vc2 + veps)).CopyTo(p.Slice(i, 16));
            }
        }
        for (; i < p.Length; i++)
        {
            var g = grad[i] + l2 * p[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) * (1f / c2) + eps);
        }
    }
}
