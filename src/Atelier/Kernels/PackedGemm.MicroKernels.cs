using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Atelier.Kernels;

// The register-blocked micro-kernels of PackedGemm. Written out in full (no loops over registers) so
// that the JIT keeps every accumulator in a vector register. Reference: Kernels/Reference/ReferenceGemm.
internal static unsafe partial class PackedGemm
{
    // C[0..12, 0..32] (+)= A panel (12 x kc, k-major) * B panel (kc x 32, k-major).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel12x32(int kc, float* a, float* b, float* c, int ldc, bool add)
    {
        var c0_0 = Vector512<float>.Zero; var c0_1 = Vector512<float>.Zero; var c1_0 = Vector512<float>.Zero; var c1_1 = Vector512<float>.Zero;
        var c2_0 = Vector512<float>.Zero; var c2_1 = Vector512<float>.Zero; var c3_0 = Vector512<float>.Zero; var c3_1 = Vector512<float>.Zero;
        var c4_0 = Vector512<float>.Zero; var c4_1 = Vector512<float>.Zero; var c5_0 = Vector512<float>.Zero; var c5_1 = Vector512<float>.Zero;
        var c6_0 = Vector512<float>.Zero; var c6_1 = Vector512<float>.Zero; var c7_0 = Vector512<float>.Zero; var c7_1 = Vector512<float>.Zero;
        var c8_0 = Vector512<float>.Zero; var c8_1 = Vector512<float>.Zero; var c9_0 = Vector512<float>.Zero; var c9_1 = Vector512<float>.Zero;
        var c10_0 = Vector512<float>.Zero; var c10_1 = Vector512<float>.Zero; var c11_0 = Vector512<float>.Zero; var c11_1 = Vector512<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector512.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector512.Create(a[1]);
            c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector512.Create(a[2]);
            c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Vector512.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector512.Create(a[3]);
            c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Vector512.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector512.Create(a[4]);
            c4_0 = Vector512.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Vector512.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector512.Create(a[5]);
            c5_0 = Vector512.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Vector512.FusedMultiplyAdd(a5, b1, c5_1);
            var a6 = Vector512.Create(a[6]);
            c6_0 = Vector512.FusedMultiplyAdd(a6, b0, c6_0);
            c6_1 = Vector512.FusedMultiplyAdd(a6, b1, c6_1);
            var a7 = Vector512.Create(a[7]);
            c7_0 = Vector512.FusedMultiplyAdd(a7, b0, c7_0);
            c7_1 = Vector512.FusedMultiplyAdd(a7, b1, c7_1);
            var a8 = Vector512.Create(a[8]);
            c8_0 = Vector512.FusedMultiplyAdd(a8, b0, c8_0);
            c8_1 = Vector512.FusedMultiplyAdd(a8, b1, c8_1);
            var a9 = Vector512.Create(a[9]);
            c9_0 = Vector512.FusedMultiplyAdd(a9, b0, c9_0);
            c9_1 = Vector512.FusedMultiplyAdd(a9, b1, c9_1);
            var a10 = Vector512.Create(a[10]);
            c10_0 = Vector512.FusedMultiplyAdd(a10, b0, c10_0);
            c10_1 = Vector512.FusedMultiplyAdd(a10, b1, c10_1);
            var a11 = Vector512.Create(a[11]);
            c11_0 = Vector512.FusedMultiplyAdd(a11, b0, c11_0);
            c11_1 = Vector512.FusedMultiplyAdd(a11, b1, c11_1);
            a += 12;
            b += 32;
        }
        if (add)
        {
            Vector512.Store(Vector512.Load(c + 0) + c0_0, c + 0);
            Vector512.Store(Vector512.Load(c + 16) + c0_1, c + 16);
            Vector512.Store(Vector512.Load(c + 1 * ldc + 0) + c1_0, c + 1 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 1 * ldc + 16) + c1_1, c + 1 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 2 * ldc + 0) + c2_0, c + 2 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 2 * ldc + 16) + c2_1, c + 2 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 3 * ldc + 0) + c3_0, c + 3 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 3 * ldc + 16) + c3_1, c + 3 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 4 * ldc + 0) + c4_0, c + 4 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 4 * ldc + 16) + c4_1, c + 4 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 5 * ldc + 0) + c5_0, c + 5 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 5 * ldc + 16) + c5_1, c + 5 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 6 * ldc + 0) + c6_0, c + 6 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 6 * ldc + 16) + c6_1, c + 6 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 7 * ldc + 0) + c7_0, c + 7 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 7 * ldc + 16) + c7_1, c + 7 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 8 * ldc + 0) + c8_0, c + 8 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 8 * ldc + 16) + c8_1, c + 8 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 9 * ldc + 0) + c9_0, c + 9 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 9 * ldc + 16) + c9_1, c + 9 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 10 * ldc + 0) + c10_0, c + 10 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 10 * ldc + 16) + c10_1, c + 10 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 11 * ldc + 0) + c11_0, c + 11 * ldc + 0);
            Vector512.Store(Vector512.Load(c + 11 * ldc + 16) + c11_1, c + 11 * ldc + 16);
        }
        else
        {
            Vector512.Store(c0_0, c + 0);
            Vector512.Store(c0_1, c + 16);
            Vector512.Store(c1_0, c + 1 * ldc + 0);
            Vector512.Store(c1_1, c + 1 * ldc + 16);
            Vector512.Store(c2_0, c + 2 * ldc + 0);
            Vector512.Store(c2_1, c + 2 * ldc + 16);
            Vector512.Store(c3_0, c + 3 * ldc + 0);
            Vector512.Store(c3_1, c + 3 * ldc + 16);
            Vector512.Store(c4_0, c + 4 * ldc + 0);
            Vector512.Store(c4_1, c + 4 * ldc + 16);
            Vector512.Store(c5_0, c + 5 * ldc + 0);
            Vector512.Store(c5_1, c + 5 * ldc + 16);
            Vector512.Store(c6_0, c + 6 * ldc + 0);
            Vector512.Store(c6_1, c + 6 * ldc + 16);
            Vector512.Store(c7_0, c + 7 * ldc + 0);
            Vector512.Store(c7_1, c + 7 * ldc + 16);
            Vector512.Store(c8_0, c + 8 * ldc + 0);
            Vector512.Store(c8_1, c + 8 * ldc + 16);
            Vector512.Store(c9_0, c + 9 * ldc + 0);
            Vector512.Store(c9_1, c + 9 * ldc + 16);
            Vector512.Store(c10_0, c + 10 * ldc + 0);
            Vector512.Store(c10_1, c + 10 * ldc + 16);
            Vector512.Store(c11_0, c + 11 * ldc + 0);
            Vector512.Store(c11_1, c + 11 * ldc + 16);
        }
    }

    // C[0..6, 0..16] (+)= A panel (6 x kc, k-major) * B panel (kc x 16, k-major).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x16(int kc, float* a, float* b, float* c, int ldc, bool add)
    {
        var c0_0 = Vector256<float>.Zero; var c0_1 = Vector256<float>.Zero; var c1_0 = Vector256<float>.Zero; var c1_1 = Vector256<float>.Zero;
        var c2_0 = Vector256<float>.Zero; var c2_1 = Vector256<float>.Zero; var c3_0 = Vector256<float>.Zero; var c3_1 = Vector256<float>.Zero;
        var c4_0 = Vector256<float>.Zero; var c4_1 = Vector256<float>.Zero; var c5_0 = Vector256<float>.Zero; var c5_1 = Vector256<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b + 0);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c0_0 = Vector256.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector256.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector256.Create(a[1]);
            c1_0 = Vector256.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Vector256.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector256.Create(a[2]);
            c2_0 = Vector256.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Vector256.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector256.Create(a[3]);
            c3_0 = Vector256.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Vector256.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector256.Create(a[4]);
            c4_0 = Vector256.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Vector256.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector256.Create(a[5]);
            c5_0 = Vector256.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Vector256.FusedMultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += 16;
        }
        if (add)
        {
            Vector256.Store(Vector256.Load(c + 0) + c0_0, c + 0);
            Vector256.Store(Vector256.Load(c + 8) + c0_1, c + 8);
            Vector256.Store(Vector256.Load(c + 1 * ldc + 0) + c1_0, c + 1 * ldc + 0);
            Vector256.Store(Vector256.Load(c + 1 * ldc + 8) + c1_1, c + 1 * ldc + 8);
            Vector256.Store(Vector256.Load(c + 2 * ldc + 0) + c2_0, c + 2 * ldc + 0);
            Vector256.Store(Vector256.Load(c + 2 * ldc + 8) + c2_1, c + 2 * ldc + 8);
            Vector256.Store(Vector256.Load(c + 3 * ldc + 0) + c3_0, c + 3 * ldc + 0);
            Vector256.Store(Vector256.Load(c + 3 * ldc + 8) + c3_1, c + 3 * ldc + 8);
            Vector256.Store(Vector256.Load(c + 4 * ldc + 0) + c4_0, c + 4 * ldc + 0);
            Vector256.Store(Vector256.Load(c + 4 * ldc + 8) + c4_1, c + 4 * ldc + 8);
            Vector256.Store(Vector256.Load(c + 5 * ldc + 0) + c5_0, c + 5 * ldc + 0);
            Vector256.Store(Vector256.Load(c + 5 * ldc + 8) + c5_1, c + 5 * ldc + 8);
        }
        else
        {
            Vector256.Store(c0_0, c + 0);
            Vector256.Store(c0_1, c + 8);
            Vector256.Store(c1_0, c + 1 * ldc + 0);
            Vector256.Store(c1_1, c + 1 * ldc + 8);
            Vector256.Store(c2_0, c + 2 * ldc + 0);
            Vector256.Store(c2_1, c + 2 * ldc + 8);
            Vector256.Store(c3_0, c + 3 * ldc + 0);
            Vector256.Store(c3_1, c + 3 * ldc + 8);
            Vector256.Store(c4_0, c + 4 * ldc + 0);
            Vector256.Store(c4_1, c + 4 * ldc + 8);
            Vector256.Store(c5_0, c + 5 * ldc + 0);
            Vector256.Store(c5_1, c + 5 * ldc + 8);
        }
    }
}
