namespace Atelier.Kernels;

/// <summary>An element-wise kernel over one input: y[i] = f(x[i]), with a parameter such as a slope.</summary>
internal delegate void UnaryKernel<in TState>(ReadOnlySpan<float> x, Span<float> y, TState state);

/// <summary>An element-wise kernel over two inputs: y[i] = f(a[i], b[i]), with a parameter.</summary>
internal delegate void BinaryKernel<in TState>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, TState state);

/// <summary>
/// Runs an element-wise kernel over a long pass in pieces shared between the threads; a short pass runs
/// on the calling thread. Each element is computed exactly as by the kernel alone. Kernels take their
/// parameters as state, so that static lambdas serve and a short pass allocates nothing.
/// </summary>
internal static unsafe class SharedPasses
{
    // Below this many elements a pass is too short to share between threads.
    private const int Piece = 1 << 16;

    public static void Unary<TState>(ReadOnlySpan<float> x, Span<float> y, TState state, UnaryKernel<TState> kernel)
    {
        if (y.Length < 2 * Piece || Backend.Threads == 1)
        {
            kernel(x, y, state);
            return;
        }
        fixed (float* xp = x, yp = y) UnaryInPieces((nint)xp, (nint)yp, y.Length, state, kernel);
    }

    public static void Binary<TState>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, TState state, BinaryKernel<TState> kernel)
    {
        if (y.Length < 2 * Piece || Backend.Threads == 1)
        {
            kernel(a, b, y, state);
            return;
        }
        fixed (float* ap = a, bp = b, yp = y) BinaryInPieces((nint)ap, (nint)bp, (nint)yp, y.Length, state, kernel);
    }

    // Methods of their own, so that the closures are allocated only for passes that are shared.
    private static void UnaryInPieces<TState>(nint x, nint y, int length, TState state, UnaryKernel<TState> kernel) =>
        Backend.ParallelPieces(length, Piece, (start, count) =>
            kernel(new ReadOnlySpan<float>((float*)x + start, count), new Span<float>((float*)y + start, count), state));

    private static void BinaryInPieces<TState>(nint a, nint b, nint y, int length, TState state, BinaryKernel<TState> kernel) =>
        Backend.ParallelPieces(length, Piece, (start, count) => kernel(
            new ReadOnlySpan<float>((float*)a + start, count), new ReadOnlySpan<float>((float*)b + start, count),
            new Span<float>((float*)y + start, count), state));
}
