using Atelier.Evaluation;

namespace Atelier.Tests.Evaluation;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void Two_by_two_by_hand()
    {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3 with eigenvectors (1, -1) / sqrt 2 and (1, 1) / sqrt 2.
        var (values, vectors) = SymmetricEigen.Decompose([2.0, 1.0, 1.0, 2.0], 2, computeVectors: true);
        Assert.Equal(1.0, values[0], 12);
        Assert.Equal(3.0, values[1], 12);
        Assert.Equal(0.0, vectors![0] + vectors[1], 12);
        Assert.Equal(0.0, vectors[2] - vectors[3], 12);
        Assert.Equal(1.0 / Math.Sqrt(2), Math.Abs(vectors[0]), 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public void Recovers_known_eigenvalues_and_eigenvectors(int n)
    {
        // Spread, negative, zero and a repeated pair.
        var expected = Enumerable.Range(0, n).Select(k => k == 7 ? 3.0 : (k - n / 3) * 0.37).OrderBy(v => v).ToArray();
        var q = LinearAlgebra.RandomOrthogonal(n, new Generator(n));
        var shuffled = expected.Reverse().ToArray();
        var a = LinearAlgebra.WithEigenvalues(q, shuffled);

        var (values, vectors) = SymmetricEigen.Decompose(a, n, computeVectors: true);
        var (valuesOnly, none) = SymmetricEigen.Decompose(a, n, computeVectors: false);
        Assert.Null(none);
        for (var k = 0; k < n; k++)
        {
            Assert.True(Math.Abs(values[k] - expected[k]) < 1e-11 * n, $"eigenvalue {k}: {values[k]}, expected {expected[k]}");
            Assert.True(Math.Abs(valuesOnly[k] - expected[k]) < 1e-11 * n, $"eigenvalue {k} without vectors: {valuesOnly[k]}, expected {expected[k]}");
        }
        for (var k = 0; k < n; k++)
        {
            // A v = lambda v and the vectors are orthonormal.
            for (var i = 0; i < n; i++)
            {
                double av = 0;
                for (var j = 0; j < n; j++) av += a[i * n + j] * vectors![k * n + j];
                Assert.True(Math.Abs(av - values[k] * vectors![k * n + i]) < 1e-10, $"residual of vector {k} at {i}");
            }
            for (var m = 0; m <= k; m++)
            {
                double dot = 0;
                for (var j = 0; j < n; j++) dot += vectors![k * n + j] * vectors[m * n + j];
                Assert.True(Math.Abs(dot - (k == m ? 1 : 0)) < 1e-12, $"vectors {k} and {m}: dot {dot}");
            }
        }
    }

    [Fact]
    public void A_non_finite_matrix_is_reported()
    {
        var error = Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose([1.0, double.NaN, double.NaN, 1.0], 2, computeVectors: false));
        Assert.Contains("entry (0, 1) of the matrix is NaN", error.Message);
    }
}
