using System.Buffers;

namespace Atelier.Kernels;

/// <summary>
/// 2-D convolution lowered to GEMM through im2col: the patches of all N images form one
/// (C*K*K, N*OH*OW) matrix, so each pass is a single large matrix product.
/// </summary>
internal static class Convolution
{
    /// <summary>y (N, O, OH, OW) = conv(x (N, C, H, W), w (O, C, K, K)).</summary>
    public static void Forward(ConvGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
    {
        var columns = g.N * g.Pixels;
        var cols = ArrayPool<float>.Shared.Rent(g.PatchSize * columns);
        var channelMajor = ArrayPool<float>.Shared.Rent(g.O * columns);
        try
        {
            Im2Col(g, x, cols);
            // (O, N*P) = (O, CKK) x (CKK, N*P)
            Backend.Current.Gemm(false, false, g.O, columns, g.PatchSize, w, g.PatchSize, cols, columns, channelMajor, columns, accumulate: false);
            SwapLeadingAxes(channelMajor, g.O, g.N, g.Pixels, y);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(cols);
            ArrayPool<float>.Shared.Return(channelMajor);
        }
    }

    /// <summary>dx (N, C, H, W) = adjoint of the convolution applied to dy (N, O, OH, OW): the transposed convolution.</summary>
    public static void BackwardInput(ConvGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx)
    {
        var columns = g.N * g.Pixels;
        var cols = ArrayPool<float>.Shared.Rent(g.PatchSize * columns);
        var channelMajor = ArrayPool<float>.Shared.Rent(g.O * columns);
        try
        {
            SwapLeadingAxes(dy, g.N, g.O, g.Pixels, channelMajor);
            // (CKK, N*P) = (O, CKK)^T x (O, N*P)
            Backend.Current.Gemm(true, false, g.PatchSize, columns, g.O, w, g.PatchSize, channelMajor, columns, cols, columns, accumulate: false);
            Col2Im(g, cols, dx);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(cols);
            ArrayPool<float>.Shared.Return(channelMajor);
        }
    }

    /// <summary>dw (O, C, K, K) = sum over images and pixels of dy times the input patches.</summary>
    public static void BackwardWeight(ConvGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw)
    {
        var columns = g.N * g.Pixels;
        var cols = ArrayPool<float>.Shared.Rent(g.PatchSize * columns);
        var channelMajor = ArrayPool<float>.Shared.Rent(g.O * columns);
        try
        {
            Im2Col(g, x, cols);
            SwapLeadingAxes(dy, g.N, g.O, g.Pixels, channelMajor);
            // (O, CKK) = (O, N*P) x (CKK, N*P)^T
            Backend.Current.Gemm(false, true, g.O, g.PatchSize, columns, channelMajor, columns, cols, columns, dw, g.PatchSize, accumulate: false);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(cols);
            ArrayPool<float>.Shared.Return(channelMajor);
        }
    }

    /// <summary>(A, B, P) -> (B, A, P).</summary>
    public static void SwapLeadingAxes(ReadOnlySpan<float> src, int a, int b, int p, Span<float> dst)
    {
        for (var i = 0; i < a; i++)
            for (var j = 0; j < b; j++)
                src.Slice((i * b + j) * p, p).CopyTo(dst.Slice((j * a + i) * p, p));
    }

    /// <summary>cols (C*K*K, N*OH*OW): row (c, ki, kj), column (n, oh, ow) holds x[n, c, oh*s - pad + ki, ow*s - pad + kj] or 0.</summary>
    public static void Im2Col(ConvGeometry g, ReadOnlySpan<float> x, Span<float> cols)
    {
        var columns = g.N * g.Pixels;
        for (var c = 0; c < g.C; c++)
            for (var ki = 0; ki < g.K; ki++)
                for (var kj = 0; kj < g.K; kj++)
                {
                    var row = cols.Slice(((c * g.K + ki) * g.K + kj) * columns, columns);
                    for (var n = 0; n < g.N; n++)
                    {
                        var plane = x.Slice((n * g.C + c) * g.H * g.W, g.H * g.W);
                        for (var oh = 0; oh < g.OH; oh++)
                        {
                            var dst = row.Slice((n * g.OH + oh) * g.OW, g.OW);
                            var ih = oh * g.Stride - g.Padding + ki;
                            if ((uint)ih >= (uint)g.H) { dst.Clear(); continue; }
                            var src = plane.Slice(ih * g.W, g.W);
                            for (var ow = 0; ow < g.OW; ow++)
                            {
                                var iw = ow * g.Stride - g.Padding + kj;
                                dst[ow] = (uint)iw < (uint)g.W ? src[iw] : 0f;
                            }
                        }
                    }
                }
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: adds every column entry back to the pixel it came from.</summary>
    public static void Col2Im(ConvGeometry g, ReadOnlySpan<float> cols, Span<float> x)
    {
        x.Clear();
        var columns = g.N * g.Pixels;
        for (var c = 0; c < g.C; c++)
            for (var ki = 0; ki < g.K; ki++)
                for (var kj = 0; kj < g.K; kj++)
                {
                    var row = cols.Slice(((c * g.K + ki) * g.K + kj) * columns, columns);
                    for (var n = 0; n < g.N; n++)
                    {
                        var plane = x.Slice((n * g.C + c) * g.H * g.W, g.H * g.W);
                        for (var oh = 0; oh < g.OH; oh++)
                        {
                            var ih = oh * g.Stride - g.Padding + ki;
                            if ((uint)ih >= (uint)g.H) continue;
                            var src = row.Slice((n * g.OH + oh) * g.OW, g.OW);
                            var dst = plane.Slice(ih * g.W, g.W);
                            for (var ow = 0; ow < g.OW; ow++)
                            {
                                var iw = ow * g.Stride - g.Padding + kj;
                                if ((uint)iw < (uint)g.W) dst[iw] += src[ow];
                            }
                        }
                    }
                }
    }
}
