using System.Numerics.Tensors;

namespace Atelier.Kernels;

/// <summary>
/// Fused batch-norm passes over x viewed as (N, C, S). With S = 1 (BatchNorm1d on (N, C)) the work is
/// vectorised across channels, otherwise across each (n, c) plane. Reference: Tensor.BatchNormComposite.
/// </summary>
internal static class BatchNormKernels
{
    /// <summary>Per-channel mean, 1/sqrt(var + eps) and biased variance (two passes, for accuracy).</summary>
    public static void Statistics(ReadOnlySpan<float> x, int n, int c, int s, float eps, Span<float> mean, Span<float> invStd, Span<float> variance)
    {
        var count = (float)n * s;
        mean.Clear();
        variance.Clear();
        if (s == 1)
        {
            for (var i = 0; i < n; i++) TensorPrimitives.Add(mean, x.Slice(i * c, c), mean);
            TensorPrimitives.Divide(mean, count, mean);
            using var scratch = new Scratch(c);
            var centered = scratch.Span;
            for (var i = 0; i < n; i++)
            {
                TensorPrimitives.Subtract(x.Slice(i * c, c), mean, centered);
                TensorPrimitives.MultiplyAdd(centered, centered, variance, variance);
            }
        }
        else
        {
            using var scratch = new Scratch(s);
            var centered = scratch.Span;
            for (var ch = 0; ch < c; ch++)
            {
                float sum = 0;
                for (var i = 0; i < n; i++) sum += TensorPrimitives.Sum(x.Slice((i * c + ch) * s, s));
                mean[ch] = sum / count;
                float squares = 0;
                for (var i = 0; i < n; i++)
                {
                    TensorPrimitives.Subtract(x.Slice((i * c + ch) * s, s), mean[ch], centered);
                    squares += TensorPrimitives.SumOfSquares(centered);
                }
                variance[ch] = squares;
            }
        }
        TensorPrimitives.Divide(variance, count, variance);
        InverseStd(variance, eps, invStd);
    }

    /// <summary>invStd = 1 / sqrt(variance + eps).</summary>
    public static void InverseStd(ReadOnlySpan<float> variance, float eps, Span<float> invStd)
    {
        TensorPrimitives.Add(variance, eps, invStd);
        TensorPrimitives.ReciprocalSqrt(invStd, invStd);
    }

    /// <summary>y = (x - mean) * invStd * weight + bias; weight and bias may be empty (1 and 0).</summary>
    public static void Normalize(ReadOnlySpan<float> x, int n, int c, int s, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y)
    {
        // y = x * scale + shift per channel.
        using var scratch = new Scratch(2 * c);
        var scale = scratch.Span[..c];
        var shift = scratch.Span[c..];
        if (weight.IsEmpty) invStd.CopyTo(scale); else TensorPrimitives.Multiply(invStd, weight, scale);
        TensorPrimitives.Multiply(mean, scale, shift);
        if (bias.IsEmpty) TensorPrimitives.Negate(shift, shift); else TensorPrimitives.Subtract(bias, shift, shift);
        for (var i = 0; i < n; i++)
        {
            if (s == 1)
            {
                TensorPrimitives.FusedMultiplyAdd(x.Slice(i * c, c), scale, shift, y.Slice(i * c, c));
                continue;
            }
            for (var ch = 0; ch < c; ch++)
            {
                var offset = (i * c + ch) * s;
                var plane = y.Slice(offset, s);
                TensorPrimitives.Multiply(x.Slice(offset, s), scale[ch], plane);
                TensorPrimitives.Add(plane, shift[ch], plane);
            }
        }
    }

    public static void UpdateRunning(Span<float> runningMean, Span<float> runningVar, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float momentum, int count)
    {
        var unbias = count / (float)(count - 1);
        for (var ch = 0; ch < mean.Length; ch++)
        {
            runningMean[ch] = (1 - momentum) * runningMean[ch] + momentum * mean[ch];
            runningVar[ch] = (1 - momentum) * runningVar[ch] + momentum * variance[ch] * unbias;
        }
    }

    /// <summary>
    /// Gradients of training-mode batch norm: db = sum g, dw = sum g*xhat,
    /// dx = weight * invStd * (g - db/m - xhat * dw/m) with m = N*S values per channel,
    /// computed as dx = a*g + b*x + c with per-channel a, b, c.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> g, int n, int c, int s, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> weight, Span<float> dx, Span<float> dw, Span<float> db)
    {
        var m = (float)n * s;
        using var scratch = new Scratch(4 * c);
        var sumGX = scratch.Span[..c];
        sumGX.Clear();
        db.Clear();
        for (var i = 0; i < n; i++)
        {
            if (s == 1)
            {
                TensorPrimitives.Add(db, g.Slice(i * c, c), db);
                TensorPrimitives.MultiplyAdd(g.Slice(i * c, c), x.Slice(i * c, c), sumGX, sumGX);
                continue;
            }
            for (var ch = 0; ch < c; ch++)
            {
                var offset = (i * c + ch) * s;
                db[ch] += TensorPrimitives.Sum(g.Slice(offset, s));
                sumGX[ch] += TensorPrimitives.Dot(g.Slice(offset, s), x.Slice(offset, s));
            }
        }
        var a = scratch.Span.Slice(c, c);
        var b = scratch.Span.Slice(2 * c, c);
        var constant = scratch.Span.Slice(3 * c, c);
        for (var ch = 0; ch < c; ch++)
        {
            // sum g*xhat = invStd * (sum g*x - mean * sum g)
            dw[ch] = invStd[ch] * (sumGX[ch] - mean[ch] * db[ch]);
            var k = (weight.IsEmpty ? 1f : weight[ch]) * invStd[ch];
            var meanG = db[ch] / m;
            var meanGXhat = dw[ch] / m;
            a[ch] = k;
            b[ch] = -k * invStd[ch] * meanGXhat;
            constant[ch] = -k * meanG + k * invStd[ch] * meanGXhat * mean[ch];
        }
        for (var i = 0; i < n; i++)
        {
            if (s == 1)
            {
                var row = dx.Slice(i * c, c);
                TensorPrimitives.Multiply(g.Slice(i * c, c), a, row);
                TensorPrimitives.FusedMultiplyAdd(x.Slice(i * c, c), b, row, row);
                TensorPrimitives.Add(row, constant, row);
                continue;
            }
            for (var ch = 0; ch < c; ch++)
            {
                var offset = (i * c + ch) * s;
                var plane = dx.Slice(offset, s);
                TensorPrimitives.Multiply(g.Slice(offset, s), a[ch], plane);
                TensorPrimitives.MultiplyAdd(x.Slice(offset, s), b[ch], plane, plane);
                TensorPrimitives.Add(plane, constant[ch], plane);
            }
        }
    }
}
