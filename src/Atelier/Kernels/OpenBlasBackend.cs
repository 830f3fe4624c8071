using System.Runtime.InteropServices;

namespace Atelier.Kernels;

/// <summary>
/// An optional backend that sends GEMM to the system's OpenBLAS (Debian: libopenblas0-pthread), found
/// at run time. Nothing else in Atelier needs it; it exists for comparison and as the place where a
/// native accelerator plugs in.
/// </summary>
public sealed unsafe class OpenBlasBackend : IBackend
{
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private readonly delegate* unmanaged<int, void> _setThreads;

    private OpenBlasBackend(nint library)
    {
        _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)NativeLibrary.GetExport(library, "cblas_sgemm");
        _setThreads = NativeLibrary.TryGetExport(library, "openblas_set_num_threads", out var set) ? (delegate* unmanaged<int, void>)set : null;
    }

    public string Name => "OpenBLAS";

    /// <summary>The backend, or null with the reason when no OpenBLAS library can be loaded.</summary>
    public static OpenBlasBackend? TryLoad(out string? reason)
    {
        foreach (var name in new[] { "libopenblas.so.0", "libopenblas.so", "openblas" })
        {
            if (NativeLibrary.TryLoad(name, out var handle) && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out _))
            {
                reason = null;
                return new OpenBlasBackend(handle);
            }
        }
        reason = "OpenBLAS was not found; install it with 'apt-get install libopenblas0-pthread'";
        return null;
    }

    public void SetThreads(int threads)
    {
        if (_setThreads is not null) _setThreads(threads);
    }

    public void Gemm(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        fixed (float* pa = a, pb = b, pc = c)
            _sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, 1f, pa, lda, pb, ldb, accumulate ? 1f : 0f, pc, ldc);
    }
}
