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
        using var work = new Workspace(g);
        Im2Col(g, x, work.Patches);
        // (O, N*P) = (O, CKK) x (CKK, N*P)
        Backend.Current.Gemm(false, false, g.O, work.Columns, g.PatchSize, w, g.PatchSize, work.Patches, work.Columns, work.ChannelMajor, work.Columns, accumulate: false);
        SwapLeadingAxes(work.ChannelMajor, g.O, g.N, g.Pixels, y);
    }

    /// <summary>dx (N, C, H, W) = adjoint of the convolution applied to dy (N, O, OH, OW): the transposed convolution.</summary>
    public static void BackwardInput(ConvGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx)
    {
        using var work = new Workspace(g);
        SwapLeadingAxes(dy, g.N, g.O, g.Pixels, work.ChannelMajor);
        // (CKK, N*P) = (O, CKK)^T x (O, N*P)
        Backend.Current.Gemm(true, false, g.PatchSize, work.Columns, g.O, w, g.PatchSize, work.ChannelMajor, work.Columns, work.Patches, work.Columns, accumulate: false);
        Col2Im(g, work.Patches, dx);
    }

    /// <summary>dw (O, C, K, K) = sum over images and pixels of dy times the input patches.</summary>
    public static void BackwardWeight(ConvGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw)
    {
        using var work = new Workspace(g);
        Im2Col(g, x, work.Patches);
        SwapLeadingAxes(dy, g.N, g.O, g.Pixels, work.ChannelMajor);
        // (O, CKK) = (O, N*P) x (CKK, N*P)^T
        Backend.Current.Gemm(false, true, g.O, g.PatchSize, work.Columns, work.ChannelMajor, work.Columns, work.Patches, work.Columns, dw, g.PatchSize, accumulate: false);
    }

    /// <summary>The scratch matrices of one pass, rented from the shared pool: the patches and the channel-major output.</summary>
    private readonly ref struct Workspace : IDisposable
    {
        private readonly float[] _patches;
        private readonly float[] _channelMajor;

        public Workspace(ConvGeometry g)
        {
            Columns = g.N * g.Pixels;
            _patches = ArrayPool<float>.Shared.Rent(g.PatchSize * Columns);
            _channelMajor = ArrayPool<float>.Shared.Rent(g.O * Columns);
            Patches = _patches.AsSpan(0, g.PatchSize * Columns);
            ChannelMajor = _channelMajor.AsSpan(0, g.O * Columns);
        }

        /// <summary>N*OH*OW: one column per output pixel of every image.</summary>
        public int Columns { get; }

        public Span<float> Patches { get; }      // (C*K*K, N*OH*OW)

        public Span<float> ChannelMajor { get; } // (O, N*OH*OW)

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(_patches);
            ArrayPool<float>.Shared.Return(_channelMajor);
        }
    }

    /// <summary>(A, B, P) -> (B, A, P).</summary>
    public static unsafe void SwapLeadingAxes(ReadOnlySpan<float> src, int a, int b, int p, Span<float> dst)
    {
        fixed (float* sp = src, dp = dst)
        {
            var (sa, da) = ((nint)sp, (nint)dp);
            var parts = (long)a * b * p < 1 << 16 ? 1 : Math.Min(a, Backend.Threads * 2);
            Backend.ParallelFor(parts, part =>
            {
                var (first, last) = Chunk(a, parts, part);
                for (var i = first; i < last; i++)
                    for (var j = 0; j < b; j++)
                        new ReadOnlySpan<float>((float*)sa + (long)(i * b + j) * p, p).CopyTo(new Span<float>((float*)da + (long)(j * a + i) * p, p));
            });
        }
    }

    /// <summary>cols (C*K*K, N*OH*OW): row (c, ki, kj), column (n, oh, ow) holds x[n, c, oh*s - pad + ki, ow*s - pad + kj] or 0.</summary>
    public static unsafe void Im2Col(ConvGeometry g, ReadOnlySpan<float> x, Span<float> cols)
    {
        var columns = g.N * g.Pixels;
        var rows = g.PatchSize;
        fixed (float* xp = x, cp = cols)
        {
            var (xa, ca) = ((nint)xp, (nint)cp);
            var chunks = ChunkCount(rows, columns);
            Backend.ParallelFor(chunks, chunk =>
            {
                var (first, last) = Chunk(rows, chunks, chunk);
                for (var r = first; r < last; r++)
                {
                    var (c, ki, kj) = (r / (g.K * g.K), r / g.K % g.K, r % g.K);
                    var (owStart, owEnd) = ValidRange(kj, g.Stride, g.Padding, g.W, g.OW);
                    var row = (float*)ca + (long)r * columns;
                    for (var n = 0; n < g.N; n++)
                    {
                        var plane = (float*)xa + (long)(n * g.C + c) * g.H * g.W;
                        for (var oh = 0; oh < g.OH; oh++)
                        {
                            var dst = row + (n * g.OH + oh) * g.OW;
                            var ih = oh * g.Stride - g.Padding + ki;
                            if ((uint)ih >= (uint)g.H)
                            {
                                new Span<float>(dst, g.OW).Clear();
                                continue;
                            }
                            for (var ow = 0; ow < owStart; ow++) dst[ow] = 0f;
                            var src = plane + ih * g.W - g.Padding + kj;
                            if (g.Stride == 1)
                                new ReadOnlySpan<float>(src + owStart, owEnd - owStart).CopyTo(new Span<float>(dst + owStart, owEnd - owStart));
                            else
                                for (var ow = owStart; ow < owEnd; ow++) dst[ow] = src[ow * g.Stride];
                            for (var ow = owEnd; ow < g.OW; ow++) dst[ow] = 0f;
                        }
                    }
                }
            });
        }
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: adds every column entry back to the pixel it came from.</summary>
    public static unsafe void Col2Im(ConvGeometry g, ReadOnlySpan<float> cols, Span<float> x)
    {
        x.Clear();
        var columns = g.N * g.Pixels;
        fixed (float* xp = x, cp = cols)
        {
            var (xa, ca) = ((nint)xp, (nint)cp);
            // Parallel over channels: all (ki, kj) rows of one channel add into the same planes.
            var parts = Math.Min(g.C, ChunkCount(g.PatchSize, columns));
            Backend.ParallelFor(parts, part =>
            {
                var (firstChannel, lastChannel) = Chunk(g.C, parts, part);
                for (var c = firstChannel; c < lastChannel; c++)
                for (var ki = 0; ki < g.K; ki++)
                for (var kj = 0; kj < g.K; kj++)
                {
                    var (owStart, owEnd) = ValidRange(kj, g.Stride, g.Padding, g.W, g.OW);
                    var row = (float*)ca + (long)((c * g.K + ki) * g.K + kj) * columns;
                    for (var n = 0; n < g.N; n++)
                    {
                        var plane = (float*)xa + (long)(n * g.C + c) * g.H * g.W;
                        for (var oh = 0; oh < g.OH; oh++)
                        {
                            var ih = oh * g.Stride - g.Padding + ki;
                            if ((uint)ih >= (uint)g.H) continue;
                            var src = row + (n * g.OH + oh) * g.OW;
                            var dst = plane + ih * g.W - g.Padding + kj;
                            if (g.Stride == 1)
                            {
                                var length = owEnd - owStart;
                                var target = new Span<float>(dst + owStart, length);
                                System.Numerics.Tensors.TensorPrimitives.Add(target, new ReadOnlySpan<float>(src + owStart, length), target);
                            }
                            else
                            {
                                for (var ow = owStart; ow < owEnd; ow++) dst[ow * g.Stride] += src[ow];
                            }
                        }
                    }
                }
            });
        }
    }

    /// <summary>Output columns [start, end) whose input column ow*stride - pad + kj lies inside [0, width).</summary>
    private static (int Start, int End) ValidRange(int kj, int stride, int padding, int width, int outWidth)
    {
        var start = Math.Max(0, (padding - kj + stride - 1) / stride);
        var end = Math.Min(outWidth, (width - 1 + padding - kj) / stride + 1);
        if (width - 1 + padding - kj < 0) end = 0;
        return (Math.Min(start, outWidth), Math.Max(end, Math.Min(start, outWidth)));
    }

    // Enough work per chunk that a thread hand-off pays for itself.
    private static int ChunkCount(int rows, int columns) =>
        (long)rows * columns < 1 << 16 ? 1 : Math.Min(rows, Backend.Threads * 4);

    private static (int First, int Last) Chunk(int count, int parts, int part) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));
}
