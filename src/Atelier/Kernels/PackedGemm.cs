using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Atelier.Kernels.Reference;

namespace Atelier.Kernels;

/// <summary>
/// Single-precision GEMM in the BLIS style: B is packed into KC x NR micro-panels (k-major, so a row of
/// NR floats is one or two vector loads), A into MR x KC micro-panels, and a register-blocked
/// micro-kernel computes one MR x NR tile of C at a time. Work is split over threads by blocks of
/// rows of C, or by column panels when C has few rows.
/// </summary>
internal static unsafe partial class PackedGemm
{
    private const int KC = 256;
    private const int MC = 192;
    private const int NC = 4096;
    // Below this many multiply-adds the threads cost more than they save.
    private const long ParallelThreshold = 1L << 19;

    private static readonly bool s_avx512 = Vector512.IsHardwareAccelerated && Avx512F.IsSupported;
    private static readonly bool s_avx2 = Vector256.IsHardwareAccelerated && Fma.IsSupported;
    private static readonly int MR = s_avx512 ? 12 : 6;
    private static readonly int NR = s_avx512 ? 32 : 16;

    public static string InstructionSet => s_avx512 ? "AVX-512" : s_avx2 ? "AVX2+FMA" : "scalar";

    public static void Run(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate)
                for (var i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        if (!s_avx512 && !s_avx2)
        {
            ReferenceGemm.Run(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }
        var threads = (long)m * n * k >= ParallelThreshold && !Backend.InsideParallelLoop ? Backend.Threads : 1;
        fixed (float* pa = a, pb = b, pc = c)
        {
            if (threads == 1)
                new Job(transA, transB, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate).Run();
            else
                RunInBands(threads, transA, transB, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate);
        }
    }

    // A method of its own, so that the closure is allocated only when threads are used.
    private static void RunInBands(int threads, bool transA, bool transB, int m, int n, int k,
        float* pa, int lda, float* pb, int ldb, float* pc, int ldc, bool accumulate)
    {
        // Each thread multiplies its own band of C (rows when C is tall, columns otherwise) with its
        // own packing buffers: no barriers, and the repeated packing of the shared operand costs
        // only 1/band-width of the multiply.
        var (ia, ib, ic) = ((nint)pa, (nint)pb, (nint)pc);
        var byRows = m >= n;
        var unit = byRows ? MR : NR;
        var units = ((byRows ? m : n) + unit - 1) / unit;
        var parts = Math.Min(threads, units);
        Backend.ParallelFor(parts, part =>
        {
            var (first, last) = Share(units, parts, part);
            var start = first * unit;
            var size = Math.Min(last * unit, byRows ? m : n) - start;
            if (size <= 0) return;
            var sa = (float*)ia;
            var sb = (float*)ib;
            var sc = (float*)ic;
            Job job = byRows
                ? new(transA, transB, size, n, k, transA ? sa + start : sa + (long)start * lda, lda, sb, ldb, sc + (long)start * ldc, ldc, accumulate)
                : new(transA, transB, m, size, k, sa, lda, transB ? sb + (long)start * ldb : sb + start, ldb, sc + start, ldc, accumulate);
            job.Run();
        });
    }

    private readonly struct Job(bool transA, bool transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        public void Run()
        {
            var packedB = StoragePool.Rent(KC * (Math.Min(NC, n) + NR));
            var packedA = StoragePool.Rent(KC * (MC + MR));
            try
            {
                fixed (float* bp = packedB, ap = packedA)
                {
                    for (var jc = 0; jc < n; jc += NC)
                    {
                        var nc = Math.Min(NC, n - jc);
                        for (var pc = 0; pc < k; pc += KC)
                        {
                            var kc = Math.Min(KC, k - pc);
                            var add = accumulate || pc > 0;
                            var panels = (nc + NR - 1) / NR;
                            for (var panel = 0; panel < panels; panel++) PackB(bp, jc, nc, pc, kc, panel);
                            for (var ic = 0; ic < m; ic += MC)
                            {
                                var mc = Math.Min(MC, m - ic);
                                PackA(ap, ic, mc, pc, kc);
                                Compute(ap, bp, ic, mc, jc, nc, kc, 0, panels, add);
                            }
                        }
                    }
                }
            }
            finally
            {
                StoragePool.Return(packedB);
                StoragePool.Return(packedA);
            }
        }

        // SkipLocalsInit: the edge tile is always written in full before it is read.
        [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
        private void Compute(float* ap, float* bp, int ic, int mc, int jc, int nc, int kc, int firstPanel, int lastPanel, bool add)
        {
            var tile = stackalloc float[12 * 32];
            for (var panel = firstPanel; panel < lastPanel; panel++)
            {
                var jr = panel * NR;
                var nr = Math.Min(NR, nc - jr);
                var bPanel = bp + jr * kc;
                for (var ir = 0; ir < mc; ir += MR)
                {
                    var mr = Math.Min(MR, mc - ir);
                    var aPanel = ap + ir * kc;
                    var cTile = c + (ic + ir) * (long)ldc + jc + jr;
                    if (mr == MR && nr == NR)
                    {
                        MicroKernel(kc, aPanel, bPanel, cTile, ldc, add);
                        continue;
                    }
                    MicroKernel(kc, aPanel, bPanel, tile, NR, add: false);
                    for (var i = 0; i < mr; i++)
                    for (var j = 0; j < nr; j++)
                        cTile[i * ldc + j] = add ? cTile[i * ldc + j] + tile[i * NR + j] : tile[i * NR + j];
                }
            }
        }

        private static void MicroKernel(int kc, float* a, float* b, float* c, int ldc, bool add)
        {
            if (s_avx512) Kernel12x32(kc, a, b, c, ldc, add);
            else Kernel6x16(kc, a, b, c, ldc, add);
        }

        // Packs rows [ic, ic+mc) x depth [pc, pc+kc) of op(A) into MR-row micro-panels, k-major, zero-padded.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PackA(float* dst, int ic, int mc, int pc, int kc)
        {
            for (var ir = 0; ir < mc; ir += MR)
            {
                var rows = Math.Min(MR, mc - ir);
                var panel = dst + ir * kc;
                if (transA)
                {
                    for (var p = 0; p < kc; p++)
                    {
                        var src = a + (long)(pc + p) * lda + ic + ir;
                        var row = panel + p * MR;
                        for (var r = 0; r < rows; r++) row[r] = src[r];
                        for (var r = rows; r < MR; r++) row[r] = 0;
                    }
                }
                else if (Avx2.IsSupported && rows == MR && MR == 12)
                {
                    // Each packed row holds one column of the panel's twelve rows: gather eight, then four.
                    var first = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * lda;
                    var last = Vector128.Create(8, 9, 10, 11) * lda;
                    var src = a + (long)(ic + ir) * lda + pc;
                    for (var p = 0; p < kc; p++)
                    {
                        Avx2.GatherVector256(src + p, first, 4).Store(panel + p * MR);
                        Avx2.GatherVector128(src + p, last, 4).Store(panel + p * MR + 8);
                    }
                }
                else
                {
                    for (var r = 0; r < MR; r++)
                    {
                        if (r >= rows)
                        {
                            for (var p = 0; p < kc; p++) panel[p * MR + r] = 0;
                            continue;
                        }
                        var src = a + (long)(ic + ir + r) * lda + pc;
                        for (var p = 0; p < kc; p++) panel[p * MR + r] = src[p];
                    }
                }
            }
        }

        // Packs depth [pc, pc+kc) x column panel `panel` of op(B) (columns jc + panel*NR ..) k-major, zero-padded.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PackB(float* dst, int jc, int nc, int pc, int kc, int panel)
        {
            var jr = panel * NR;
            var cols = Math.Min(NR, nc - jr);
            var packed = dst + jr * kc;
            if (!transB)
            {
                for (var p = 0; p < kc; p++)
                {
                    var src = b + (long)(pc + p) * ldb + jc + jr;
                    var row = packed + p * NR;
                    if (cols == NR) new ReadOnlySpan<float>(src, NR).CopyTo(new Span<float>(row, NR));
                    else
                    {
                        for (var j = 0; j < cols; j++) row[j] = src[j];
                        for (var j = cols; j < NR; j++) row[j] = 0;
                    }
                }
            }
            else if (Avx2.IsSupported && cols == NR)
            {
                // Eight rows of B at a time: gather one column of them into eight floats of the panel's row.
                var indices = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * ldb;
                for (var eighth = 0; eighth < NR; eighth += 8)
                {
                    var src = b + (long)(jc + jr + eighth) * ldb + pc;
                    for (var p = 0; p < kc; p++)
                        Avx2.GatherVector256(src + p, indices, 4).Store(packed + p * NR + eighth);
                }
            }
            else
            {
                for (var j = 0; j < NR; j++)
                {
                    if (j >= cols)
                    {
                        for (var p = 0; p < kc; p++) packed[p * NR + j] = 0;
                        continue;
                    }
                    var src = b + (long)(jc + jr + j) * ldb + pc;
                    for (var p = 0; p < kc; p++) packed[p * NR + j] = src[p];
                }
            }
        }
    }

    private static (int First, int Last) Share(int count, int parts, int part) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));
}
