using Atelier.Kernels;
using Atelier.Kernels.Reference;

namespace Atelier.Tests.Kernels;

/// <summary>The packed SIMD GEMM against the plain triple loop, over shapes that hit every edge case.</summary>
[Collection(BackendThreadsCollection.Name)]
public sealed class GemmTests
{
    public static TheoryData<int, int, int, bool, bool, bool> Shapes()
    {
        var data = new TheoryData<int, int, int, bool, bool, bool>();
        int[][] shapes = [[1, 1, 1], [3, 5, 7], [12, 32, 256], [13, 33, 257], [64, 100, 784], [200, 70, 300], [5, 600, 9], [97, 65, 513], [400, 31, 17]];
        foreach (var s in shapes)
            foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
                data.Add(s[0], s[1], s[2], ta, tb, s[0] % 2 == 1);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Packed_gemm_matches_the_reference(int m, int n, int k, bool transA, bool transB, bool accumulate)
    {
        var generator = new Generator(m * 1000 + n * 10 + k);
        var a = Tensor.Normal([m * k], generator).ToArray();
        var b = Tensor.Normal([k * n], generator).ToArray();
        var start = Tensor.Normal([m * n], generator).ToArray();
        var (lda, ldb) = (transA ? m : k, transB ? k : n);
        var expected = (float[])start.Clone();
        ReferenceGemm.Run(transA, transB, m, n, k, a, lda, b, ldb, expected, n, accumulate);
        foreach (var threads in new[] { 1, 2 })
        {
            var saved = Backend.Threads;
            Backend.Threads = threads;
            try
            {
                var actual = (float[])start.Clone();
                PackedGemm.Run(transA, transB, m, n, k, a, lda, b, ldb, actual, n, accumulate);
                // float32 sums of k products of N(0,1) values: error grows like sqrt(k) * 6e-8 * |terms|.
                for (var i = 0; i < actual.Length; i++)
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4f * Math.Sqrt(k) + 1e-5f * Math.Abs(expected[i]),
                        $"C[{i / n}, {i % n}] = {actual[i]}, reference {expected[i]} (threads {threads})");
            }
            finally
            {
                Backend.Threads = saved;
            }
        }
    }

    [Fact]
    public void Gemm_with_zero_depth_clears_or_keeps_the_output()
    {
        var c = new float[] { 1, 2, 3, 4 };
        PackedGemm.Run(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: true);
        Assert.Equal([1f, 2, 3, 4], c);
        PackedGemm.Run(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: false);
        Assert.Equal([0f, 0, 0, 0], c);
    }

    [Fact]
    public void Gemm_respects_leading_dimensions_of_submatrices()
    {
        // A 2x2 block inside 3x4 storage: C = A[0:2, 1:3] * B with lda = 4 must not read outside the block.
        float[] a = [9, 1, 2, 9, 9, 3, 4, 9, 9, 9, 9, 9];
        float[] b = [1, 0, 0, 1];
        var c = new float[4];
        PackedGemm.Run(false, false, 2, 2, 2, a.AsSpan(1), 4, b, 2, c, 2, accumulate: false);
        Assert.Equal([1f, 2, 3, 4], c);
    }
}
