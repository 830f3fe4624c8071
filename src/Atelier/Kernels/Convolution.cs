namespace Atelier.Kernels;

/// <summary>
/// 2-D convolution lowered to GEMM through im2col, a few images at a time: the patches of a group of
/// images form a (C*K*K, images*OH*OW) matrix that stays in the core's cache while one matrix product
/// consumes it. Threads claim groups one at a time, each with its own scratch and a single-threaded
/// product, so a late or preempted thread leaves no one waiting. The weight gradient cuts the groups into
/// a fixed number of slices and adds the slices' partial sums in order, so that every result is the same
/// bit for bit whatever the thread count and timing.
/// </summary>
internal static unsafe class Convolution
{
    // Columns per product: wide enough that packing the weights is amortised, narrow enough that the
    // group's patches (PatchSize x columns floats) fit in a core's L2 cache.
    private const int TargetColumns = 384;

    // Partial weight-gradient sums: a constant, not the thread count, so results never depend on it.
    private const int WeightGradientSlices = 4;

    /// <summary>y (N, O, OH, OW) = conv(x (N, C, H, W), w (O, C, K, K)).</summary>
    public static void Forward(ConvGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
    {
        var groups = new ImageGroups(g);
        fixed (float* xp = x, wp = w, yp = y)
        {
            var (xa, wa, ya) = ((nint)xp, (nint)wp, (nint)yp);
            Backend.ParallelFor(groups.Count, group =>
            {
                var (first, count) = groups[group];
                var columns = count * g.Pixels;
                using var patches = new Scratch(g.PatchSize * groups.MaxColumns);
                using var output = new Scratch(g.O * groups.MaxColumns);
                Im2Col(g, (float*)xa, first, count, patches.Span);
                // (O, columns) = (O, CKK) x (CKK, columns)
                Backend.Current.Gemm(false, false, g.O, columns, g.PatchSize, new ReadOnlySpan<float>((float*)wa, g.O * g.PatchSize), g.PatchSize,
                    patches.Span, columns, output.Span, columns, accumulate: false);
                SwapLeadingAxes(output.Span, g.O, count, g.Pixels, new Span<float>((float*)ya + (long)first * g.O * g.Pixels, count * g.O * g.Pixels));
            });
        }
    }

    /// <summary>dx (N, C, H, W) = adjoint of the convolution applied to dy (N, O, OH, OW): the transposed convolution.</summary>
    public static void BackwardInput(ConvGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx)
    {
        var groups = new ImageGroups(g);
        fixed (float* dyp = dy, wp = w, dxp = dx)
        {
            var (dya, wa, dxa) = ((nint)dyp, (nint)wp, (nint)dxp);
            Backend.ParallelFor(groups.Count, group =>
            {
                var (first, count) = groups[group];
                var columns = count * g.Pixels;
                using var patches = new Scratch(g.PatchSize * groups.MaxColumns);
                using var gradient = new Scratch(g.O * groups.MaxColumns);
                SwapLeadingAxes(new ReadOnlySpan<float>((float*)dya + (long)first * g.O * g.Pixels, count * g.O * g.Pixels), count, g.O, g.Pixels, gradient.Span);
                // (CKK, columns) = (O, CKK)^T x (O, columns)
                Backend.Current.Gemm(true, false, g.PatchSize, columns, g.O, new ReadOnlySpan<float>((float*)wa, g.O * g.PatchSize), g.PatchSize,
                    gradient.Span, columns, patches.Span, columns, accumulate: false);
                Col2Im(g, patches.Span, (float*)dxa, first, count);
            });
        }
    }

    /// <summary>dw (O, C, K, K) = sum over images and pixels of dy times the input patches.</summary>
    public static void BackwardWeight(ConvGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw)
    {
        var groups = new ImageGroups(g);
        var weightSize = g.O * g.PatchSize;
        var slices = Math.Min(WeightGradientSlices, groups.Count);
        // Slice 0 writes dw itself; every other slice its own partial sum, added to dw at the end.
        using var partials = new Scratch((slices - 1) * weightSize);
        fixed (float* xp = x, dyp = dy, dwp = dw, pp = partials.Span)
        {
            var (xa, dya, dwa, pa) = ((nint)xp, (nint)dyp, (nint)dwp, (nint)pp);
            Backend.ParallelFor(slices, slice =>
            {
                using var patches = new Scratch(g.PatchSize * groups.MaxColumns);
                using var gradient = new Scratch(g.O * groups.MaxColumns);
                var sum = new Span<float>(slice == 0 ? (float*)dwa : (float*)pa + (long)(slice - 1) * weightSize, weightSize);
                var (firstGroup, lastGroup) = Chunk(groups.Count, slices, slice);
                for (var group = firstGroup; group < lastGroup; group++)
                {
                    var (first, count) = groups[group];
                    var columns = count * g.Pixels;
                    Im2Col(g, (float*)xa, first, count, patches.Span);
                    SwapLeadingAxes(new ReadOnlySpan<float>((float*)dya + (long)first * g.O * g.Pixels, count * g.O * g.Pixels), count, g.O, g.Pixels, gradient.Span);
                    // (O, CKK) += (O, columns) x (CKK, columns)^T
                    Backend.Current.Gemm(false, true, g.O, g.PatchSize, columns, gradient.Span, columns, patches.Span, columns, sum, g.PatchSize, accumulate: group > firstGroup);
                }
            });
        }
        for (var slice = 1; slice < slices; slice++)
            System.Numerics.Tensors.TensorPrimitives.Add(dw, partials.Span.Slice((slice - 1) * weightSize, weightSize), dw);
    }

    /// <summary>The batch cut into groups of consecutive images.</summary>
    private readonly struct ImageGroups
    {
        private readonly int _images;
        private readonly int _perGroup;

        public ImageGroups(ConvGeometry g)
        {
            _images = g.N;
            _perGroup = Math.Clamp(TargetColumns / Math.Max(1, g.Pixels), 1, Math.Max(1, g.N));
            Count = (g.N + _perGroup - 1) / _perGroup;
            MaxColumns = _perGroup * g.Pixels;
        }

        /// <summary>Columns of the largest group's patch matrix.</summary>
        public int MaxColumns { get; }

        public int Count { get; }

        /// <summary>The first image and the number of images of group <paramref name="group"/>.</summary>
        public (int First, int Count) this[int group]
        {
            get
            {
                var first = group * _perGroup;
                return (first, Math.Min(_perGroup, _images - first));
            }
        }
    }

    /// <summary>(A, B, P) -> (B, A, P).</summary>
    public static void SwapLeadingAxes(ReadOnlySpan<float> src, int a, int b, int p, Span<float> dst)
    {
        if (a == 1 || b == 1)
        {
            src[..(a * b * p)].CopyTo(dst);
            return;
        }
        for (var i = 0; i < a; i++)
            for (var j = 0; j < b; j++)
                src.Slice((i * b + j) * p, p).CopyTo(dst.Slice((j * a + i) * p, p));
    }

    /// <summary>
    /// cols (C*K*K, count*OH*OW) for images [first, first + count): row (c, ki, kj), column (n, oh, ow) holds
    /// x[n, c, oh*s - pad + ki, ow*s - pad + kj], or 0 where that falls in the padding.
    /// </summary>
    public static void Im2Col(ConvGeometry g, float* x, int first, int count, Span<float> cols)
    {
        fixed (float* cp = cols) ForEachPatchRow<GatherPatches>(g, cp, x, first, count);
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: images [first, first + count) of x are set to the sum of the column entries that came from each pixel.</summary>
    public static void Col2Im(ConvGeometry g, ReadOnlySpan<float> cols, float* x, int first, int count)
    {
        new Span<float>(x + (long)first * g.C * g.H * g.W, count * g.C * g.H * g.W).Clear();
        fixed (float* cp = cols) ForEachPatchRow<ScatterPatches>(g, cp, x, first, count);
    }

    /// <summary>What im2col or its adjoint does with one output row of one patch row and the image row it reads or adds to.</summary>
    private interface IPatchRowTransfer
    {
        /// <param name="column">OW entries of the patch matrix.</param>
        /// <param name="image">The image row shifted so that output column ow meets image[ow * stride], or null when the row lies in the padding.</param>
        static abstract void Transfer(float* column, float* image, int owStart, int owEnd, int outWidth, int stride);
    }

    private readonly struct GatherPatches : IPatchRowTransfer
    {
        public static void Transfer(float* column, float* image, int owStart, int owEnd, int outWidth, int stride)
        {
            if (image is null)
            {
                new Span<float>(column, outWidth).Clear();
                return;
            }
            for (var ow = 0; ow < owStart; ow++) column[ow] = 0f;
            if (stride == 1)
                new ReadOnlySpan<float>(image + owStart, owEnd - owStart).CopyTo(new Span<float>(column + owStart, owEnd - owStart));
            else if (stride == 2)
                for (var ow = owStart; ow < owEnd; ow++) column[ow] = image[2 * ow];
            else
                for (var ow = owStart; ow < owEnd; ow++) column[ow] = image[ow * stride];
            for (var ow = owEnd; ow < outWidth; ow++) column[ow] = 0f;
        }
    }

    private readonly struct ScatterPatches : IPatchRowTransfer
    {
        public static void Transfer(float* column, float* image, int owStart, int owEnd, int outWidth, int stride)
        {
            if (image is null) return;
            if (stride == 1)
            {
                var target = new Span<float>(image + owStart, owEnd - owStart);
                System.Numerics.Tensors.TensorPrimitives.Add(target, new ReadOnlySpan<float>(column + owStart, owEnd - owStart), target);
            }
            else if (stride == 2)
            {
                for (var ow = owStart; ow < owEnd; ow++) image[2 * ow] += column[ow];
            }
            else
            {
                for (var ow = owStart; ow < owEnd; ow++) image[ow * stride] += column[ow];
            }
        }
    }

    /// <summary>Visits every (patch row, image, output row) of images [first, first + count) with <typeparamref name="T"/>.</summary>
    private static void ForEachPatchRow<T>(ConvGeometry g, float* cols, float* x, int first, int count) where T : IPatchRowTransfer
    {
        // Locals, not the geometry's properties: the JIT cannot keep a property in a register across the
        // pointer stores of the inner loops.
        var (k, stride, padding, height, width, outHeight, outWidth, channels) = (g.K, g.Stride, g.Padding, g.H, g.W, g.OH, g.OW, g.C);
        var columns = count * outHeight * outWidth;
        for (var r = 0; r < g.PatchSize; r++)
        {
            var (c, ki, kj) = (r / (k * k), r / k % k, r % k);
            var (owStart, owEnd) = ValidRange(kj, stride, padding, width, outWidth);
            var row = cols + (long)r * columns;
            for (var image = 0; image < count; image++)
            {
                var plane = x + (long)((first + image) * channels + c) * height * width;
                for (var oh = 0; oh < outHeight; oh++)
                {
                    var ih = oh * stride - padding + ki;
                    var source = (uint)ih < (uint)height ? plane + ih * width - padding + kj : null;
                    T.Transfer(row + (image * outHeight + oh) * outWidth, source, owStart, owEnd, outWidth, stride);
                }
            }
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

    private static (int First, int Last) Chunk(int count, int parts, int part) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));
}
