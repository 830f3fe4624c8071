using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Atelier.Kernels;

/// <summary>
/// Vectorised exp, sigmoid, tanh and binary cross-entropy. System.Numerics.Tensors' versions run about ten times slower on this
/// engine's workloads (and far slower still before the JIT has tiered them up); these use the Cephes
/// single-precision polynomial: exp(x) = 2^n p(r) with n = round(x / ln 2), r = x - n ln 2, accurate
/// to about 2 ulp. Results below 2^-126 are flushed to zero; overflow gives +inf and NaN stays NaN.
/// </summary>
internal static class VectorMath
{
    private const float MaxInput = 88.72283905206835f; // above: +inf
    private const float MinInput = -87.33654475055310f; // below: 0
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
        P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    public static void Exp(ReadOnlySpan<float> x, Span<float> y)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                Exp(Vector512.Create(x.Slice(i, Vector512<float>.Count))).CopyTo(y.Slice(i, Vector512<float>.Count));
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                Exp(Vector256.Create(x.Slice(i, Vector256<float>.Count))).CopyTo(y.Slice(i, Vector256<float>.Count));
        for (; i < x.Length; i++) y[i] = MathF.Exp(x[i]);
    }

    /// <summary>y = 1 / (1 + e^-x).</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                (Vector512<float>.One / (Vector512<float>.One + Exp(-Vector512.Create(x.Slice(i, Vector512<float>.Count))))).CopyTo(y.Slice(i, Vector512<float>.Count));
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                (Vector256<float>.One / (Vector256<float>.One + Exp(-Vector256.Create(x.Slice(i, Vector256<float>.Count))))).CopyTo(y.Slice(i, Vector256<float>.Count));
        for (; i < x.Length; i++) y[i] = 1f / (1f + MathF.Exp(-x[i]));
    }

    /// <summary>
    /// y = tanh(x): (1 - e^-2|x|) / (1 + e^-2|x|) with x's sign, and the odd Taylor series to x^9 below
    /// |x| = 1/16, where the difference would cancel.
    /// </summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.Create(x.Slice(i, Vector512<float>.Count));
                var t = Exp(Vector512.Abs(v) * -2f);
                var large = Vector512.ConditionalSelect(Vector512.Create(-0f), v, (Vector512<float>.One - t) / (Vector512<float>.One + t));
                var x2 = v * v;
                var small = v + v * x2 * (Vector512.Create(-1f / 3) + x2 * (Vector512.Create(2f / 15) + x2 * (Vector512.Create(-17f / 315) + x2 * (62f / 2835))));
                Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(v), Vector512.Create(0.0625f)), small, large).CopyTo(y.Slice(i, Vector512<float>.Count));
            }
        }
        for (; i < x.Length; i++) y[i] = MathF.Tanh(x[i]);
    }

    /// <summary>y = max(x, 0) - x t + log(1 + e^-|x|): binary cross-entropy of sigmoid(x) against t, stable for any x.</summary>
    public static void BinaryCrossEntropyWithLogits(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> y)
    {
        TensorPrimitives.Abs(x, y);
        TensorPrimitives.Negate(y, y);
        Exp(y, y);
        TensorPrimitives.Add(y, 1f, y);
        TensorPrimitives.Log(y, y);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.Create(x.Slice(i, Vector512<float>.Count));
                var softplus = Vector512.Create(y.Slice(i, Vector512<float>.Count));
                (Vector512.Max(v, Vector512<float>.Zero) - v * Vector512.Create(t.Slice(i, Vector512<float>.Count)) + softplus).CopyTo(y.Slice(i, Vector512<float>.Count));
            }
        }
        for (; i < x.Length; i++) y[i] = MathF.Max(x[i], 0f) - x[i] * t[i] + y[i];
    }

    private static Vector512<float> Exp(Vector512<float> x)
    {
        var clamped = Vector512.Min(Vector512.Max(x, Vector512.Create(MinInput)), Vector512.Create(MaxInput));
        var n = Vector512.Round(clamped * Log2E);
        var r = clamped - n * Ln2High - n * Ln2Low;
        var p = Vector512.Create(P0);
        p = p * r + Vector512.Create(P1);
        p = p * r + Vector512.Create(P2);
        p = p * r + Vector512.Create(P3);
        p = p * r + Vector512.Create(P4);
        p = p * r + Vector512.Create(P5);
        p = p * (r * r) + r + Vector512<float>.One;
        // 2^n is built from the exponent bits, which cannot hold 2^128: then 2^127 * 2.
        var top = Vector512.GreaterThan(n, Vector512.Create(127f));
        var scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(Vector512.Min(n, Vector512.Create(127f))) + Vector512.Create(127), 23).AsSingle();
        var result = p * scale * Vector512.ConditionalSelect(top, Vector512.Create(2f), Vector512<float>.One);
        result = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(MaxInput)), Vector512.Create(float.PositiveInfinity), result);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(MinInput)), Vector512<float>.Zero, result);
    }

    private static Vector256<float> Exp(Vector256<float> x)
    {
        var clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(MinInput)), Vector256.Create(MaxInput));
        var n = Vector256.Round(clamped * Log2E);
        var r = clamped - n * Ln2High - n * Ln2Low;
        var p = Vector256.Create(P0);
        p = p * r + Vector256.Create(P1);
        p = p * r + Vector256.Create(P2);
        p = p * r + Vector256.Create(P3);
        p = p * r + Vector256.Create(P4);
        p = p * r + Vector256.Create(P5);
        p = p * (r * r) + r + Vector256<float>.One;
        var top = Vector256.GreaterThan(n, Vector256.Create(127f));
        var scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(Vector256.Min(n, Vector256.Create(127f))) + Vector256.Create(127), 23).AsSingle();
        var result = p * scale * Vector256.ConditionalSelect(top, Vector256.Create(2f), Vector256<float>.One);
        result = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(MaxInput)), Vector256.Create(float.PositiveInfinity), result);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(MinInput)), Vector256<float>.Zero, result);
    }
}
