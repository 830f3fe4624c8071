namespace Atelier.Tests.Evaluation;

/// <summary>Small dense helpers for the tests, written as plain loops.</summary>
internal static class LinearAlgebra
{
    /// <summary>A random n x n orthogonal matrix (row-major): Gram-Schmidt on Gaussian rows.</summary>
    public static double[] RandomOrthogonal(int n, Generator random)
    {
        var q = new double[n * n];
        for (var i = 0; i < q.Length; i++) q[i] = random.NextNormal();
        for (var i = 0; i < n; i++)
        {
            for (var pass = 0; pass < 2; pass++) // twice, for orthogonality to round-off
                for (var k = 0; k < i; k++)
                {
                    double dot = 0;
                    for (var j = 0; j < n; j++) dot += q[i * n + j] * q[k * n + j];
                    for (var j = 0; j < n; j++) q[i * n + j] -= dot * q[k * n + j];
                }
            double norm = 0;
            for (var j = 0; j < n; j++) norm += q[i * n + j] * q[i * n + j];
            for (var j = 0; j < n; j++) q[i * n + j] /= Math.Sqrt(norm);
        }
        return q;
    }

    /// <summary>Q^T diag(values) Q for orthogonal Q: the rows of Q are its eigenvectors.</summary>
    public static double[] WithEigenvalues(double[] q, double[] values)
    {
        var n = values.Length;
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++) a[i * n + j] += q[k * n + i] * values[k] * q[k * n + j];
        return a;
    }
}
