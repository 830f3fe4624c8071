using System.Numerics.Tensors;

namespace Atelier.Kernels;

/// <summary>Fused batch-norm passes over x viewed as (N, C, S). Reference: Tensor.BatchNormComposite.</summary>
internal static class BatchNormKernels
{
    /// <summary>Per-channel mean, 1/sqrt(var + eps) and biased variance, by two passes for accuracy.</summary>
    public static void Statistics(ReadOnlySpan<float> x, int n, int c, int s, float eps, Span<float> mean, Span<float> invStd, out float[] variance)
    {
        variance = new float[c];
        var count = (double)n * s;
        for (var ch = 0; ch < c; ch++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++) sum += TensorPrimitives.Sum(x.Slice((i * c + ch) * s, s));
            var m = (float)(sum / count);
            double squares = 0;
            for (var i = 0; i < n; i++)
            {
                var row = x.Slice((i * c + ch) * s, s);
                for (var j = 0; j < s; j++)
                {
                    var d = row[j] - m;
                    squares += d * d;
                }
            }
            mean[ch] = m;
            variance[ch] = (float)(squares / count);
            invStd[ch] = 1f / MathF.Sqrt(variance[ch] + eps);
        }
    }

    /// <summary>y = (x - mean) * invStd * weight + bias; weight and bias may be empty (1 and 0).</summary>
    public static void Normalize(ReadOnlySpan<float> x, int n, int c, int s, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y)
    {
        for (var i = 0; i < n; i++)
            for (var ch = 0; ch < c; ch++)
            {
                var scale = invStd[ch] * (weight.IsEmpty ? 1f : weight[ch]);
                var shift = (bias.IsEmpty ? 0f : bias[ch]) - mean[ch] * scale;
                var offset = (i * c + ch) * s;
                var dst = y.Slice(offset, s);
                TensorPrimitives.Multiply(x.Slice(offset, s), scale, dst);
                TensorPrimitives.Add(dst, shift, dst);
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
    /// dx = weight * invStd / m * (m g - db - xhat dw) with m = N*S values per channel.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> g, int n, int c, int s, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> weight, Span<float> dx, Span<float> dw, Span<float> db)
    {
        var m = (float)n * s;
        for (var ch = 0; ch < c; ch++)
        {
            double sumG = 0, sumGXhat = 0;
            for (var i = 0; i < n; i++)
            {
                var offset = (i * c + ch) * s;
                for (var j = 0; j < s; j++)
                {
                    var gv = g[offset + j];
                    sumG += gv;
                    sumGXhat += gv * (x[offset + j] - mean[ch]) * invStd[ch];
                }
            }
            db[ch] = (float)sumG;
            dw[ch] = (float)sumGXhat;
            var k = (weight.IsEmpty ? 1f : weight[ch]) * invStd[ch];
            var meanG = (float)(sumG / m);
            var meanGXhat = (float)(sumGXhat / m);
            for (var i = 0; i < n; i++)
            {
                var offset = (i * c + ch) * s;
                for (var j = 0; j < s; j++)
                {
                    var xhat = (x[offset + j] - mean[ch]) * invStd[ch];
                    dx[offset + j] = k * (g[offset + j] - meanG - xhat * meanGXhat);
                }
            }
        }
    }
}
