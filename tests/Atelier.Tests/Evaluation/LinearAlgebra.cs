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

    public static double[] Multiply(double[] a, double[] b, int n)
    {
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++) c[i * n + j] += a[i * n + k] * b[k * n + j];
        return c;
    }

    /// <summary>The inverse by Gauss-Jordan elimination with partial pivoting.</summary>
    public static double[] Inverse(double[] a, int n)
    {
        var m = (double[])a.Clone();
        var inverse = new double[n * n];
        for (var i = 0; i < n; i++) inverse[i * n + i] = 1;
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r * n + col]));
            for (var j = 0; j < n; j++)
            {
                (m[col * n + j], m[pivot * n + j]) = (m[pivot * n + j], m[col * n + j]);
                (inverse[col * n + j], inverse[pivot * n + j]) = (inverse[pivot * n + j], inverse[col * n + j]);
            }
            var scale = 1 / m[col * n + col];
            for (var j = 0; j < n; j++) { m[col * n + j] *= scale; inverse[col * n + j] *= scale; }
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var factor = m[r * n + col];
                for (var j = 0; j < n; j++) { m[r * n + j] -= factor * m[col * n + j]; inverse[r * n + j] -= factor * inverse[col * n + j]; }
            }
        }
        return inverse;
    }

    /// <summary>
    /// The principal square root of a matrix with positive eigenvalues (symmetric or not) by the Denman-Beavers
    /// iteration: Y0 = A, Z0 = I, Y' = (Y + Z^-1) / 2, Z' = (Z + Y^-1) / 2; Y converges to sqrt(A).
    /// </summary>
    public static double[] DenmanBeaversRoot(double[] a, int n, int iterations = 60)
    {
        var y = (double[])a.Clone();
        var z = new double[n * n];
        for (var i = 0; i < n; i++) z[i * n + i] = 1;
        for (var k = 0; k < iterations; k++)
        {
            var (yInverse, zInverse) = (Inverse(y, n), Inverse(z, n));
            for (var i = 0; i < n * n; i++) (y[i], z[i]) = (0.5 * (y[i] + zInverse[i]), 0.5 * (z[i] + yInverse[i]));
        }
        return y;
    }

    public static double Trace(double[] a, int n) => Enumerable.Range(0, n).Sum(i => a[i * n + i]);
}
