using System.Numerics;
using System.Numerics.Tensors;

namespace Atelier.Evaluation;

/// <summary>
/// Eigenvalues (and optionally eigenvectors) of a real symmetric matrix in double precision: Householder reduction to
/// tridiagonal form, then the implicit QL algorithm (EISPACK's tred2 and tql2, as in JAMA). The working matrix is
/// kept transposed (JAMA's V[k][j] is stored at [j * n + k]) so that every inner loop runs over contiguous memory.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric n x n row-major <paramref name="matrix"/> (give it whole: both triangles are read).
    /// Returns the eigenvalues in ascending order and, with <paramref name="computeVectors"/>, a row-major n x n
    /// matrix whose row k is the unit eigenvector of value k.
    /// </summary>
    public static (double[] Values, double[]? Vectors) Decompose(ReadOnlySpan<double> matrix, int n, bool computeVectors)
    {
        if (n < 1 || matrix.Length != n * n)
            throw new ArgumentException($"eigen-decomposition: expected a {n} x {n} matrix ({(long)n * n} values), got {matrix.Length} values");
        var w = matrix.ToArray(); // symmetric, so already "transposed"
        var bad = Array.FindIndex(w, v => !double.IsFinite(v));
        if (bad >= 0)
            throw new ArgumentException($"eigen-decomposition: entry ({bad / n}, {bad % n}) of the matrix is {w[bad]}; it must be finite");
        var d = new double[n];
        var e = new double[n];
        Tridiagonalize(w, n, d, e, computeVectors);
        DiagonalizeTridiagonal(computeVectors ? w : null, n, d, e);
        return (d, computeVectors ? w : null);
    }

    // tred2: on return d is the diagonal, e[1..] the sub-diagonal, and (with vectors) w the transposed accumulated
    // orthogonal transformation.
    private static void Tridiagonalize(double[] w, int n, double[] d, double[] e, bool computeVectors)
    {
        for (var j = 0; j < n; j++) d[j] = w[j * n + n - 1];
        for (var i = n - 1; i > 0; i--)
        {
            var scale = 0.0;
            var h = 0.0;
            for (var k = 0; k < i; k++) scale += Math.Abs(d[k]);
            if (scale == 0.0)
            {
                e[i] = d[i - 1];
                for (var j = 0; j < i; j++)
                {
                    d[j] = w[j * n + i - 1];
                    w[j * n + i] = 0.0;
                    w[i * n + j] = 0.0;
                }
            }
            else
            {
                var di = d.AsSpan(0, i);
                TensorPrimitives.Divide(di, scale, di);
                h = TensorPrimitives.Dot(di, di);
                var f = d[i - 1];
                var g = f > 0 ? -Math.Sqrt(h) : Math.Sqrt(h);
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                Array.Clear(e, 0, i);
                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    w[i * n + j] = f;
                    var row = w.AsSpan(j * n + j + 1, i - j - 1); // V[j+1..i-1][j]
                    e[j] += w[j * n + j] * f + DotAndAxpy(row, d.AsSpan(j + 1, i - j - 1), f, e.AsSpan(j + 1, i - j - 1));
                }
                var ei = e.AsSpan(0, i);
                TensorPrimitives.Divide(ei, h, ei);
                var hh = TensorPrimitives.Dot(ei, di) / (h + h);
                TensorPrimitives.MultiplyAdd(di, -hh, ei, ei);
                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    g = e[j];
                    SubtractRank2(w.AsSpan(j * n + j, i - j), f, e.AsSpan(j, i - j), g, d.AsSpan(j, i - j)); // V[j..i-1][j]
                    d[j] = w[j * n + i - 1];
                    w[j * n + i] = 0.0;
                }
            }
            d[i] = h;
        }

        if (!computeVectors)
        {
            // Without the accumulation below, the reduced diagonal is still on the diagonal of w.
            for (var j = 0; j < n; j++) d[j] = w[j * n + j];
            e[0] = 0.0;
            return;
        }
        for (var i = 0; i < n - 1; i++)
        {
            w[i * n + n - 1] = w[i * n + i];
            w[i * n + i] = 1.0;
            var h = d[i + 1];
            var next = w.AsSpan((i + 1) * n, i + 1); // V[0..i][i+1]
            if (h != 0.0)
            {
                TensorPrimitives.Divide(next, h, d.AsSpan(0, i + 1));
                for (var j = 0; j <= i; j++)
                {
                    var row = w.AsSpan(j * n, i + 1);
                    var g = TensorPrimitives.Dot(next, row);
                    TensorPrimitives.MultiplyAdd(d.AsSpan(0, i + 1), -g, row, row);
                }
            }
            next.Clear();
        }
        for (var j = 0; j < n; j++)
        {
            d[j] = w[j * n + n - 1];
            w[j * n + n - 1] = 0.0;
        }
        w[(n - 1) * n + n - 1] = 1.0;
        e[0] = 0.0;
    }

    // tql2: diagonalises the tridiagonal (d, e) by implicit QL with Wilkinson-like shifts, rotating the rows of w
    // (the eigenvectors) when given, then sorts ascending.
    private static void DiagonalizeTridiagonal(double[]? w, int n, double[] d, double[] e)
    {
        for (var i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0.0;
        var f = 0.0;
        var tst1 = 0.0;
        var eps = Math.Pow(2.0, -52.0);
        for (var l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            var m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * tst1) m++;
            if (m > l)
            {
                var iterations = 0;
                do
                {
                    if (++iterations > 60)
                        throw new InvalidOperationException("eigen-decomposition did not converge: the matrix must be finite and symmetric");
                    var g = d[l];
                    var p = (d[l + 1] - g) / (2.0 * e[l]);
                    var r = Hypot(p, 1.0);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    var dl1 = d[l + 1];
                    var h = g - d[l];
                    for (var i = l + 2; i < n; i++) d[i] -= h;
                    f += h;

                    p = d[m];
                    double c = 1.0, c2 = 1.0, c3 = 1.0, s = 0.0, s2 = 0.0;
                    var el1 = e[l + 1];
                    for (var i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        if (w is not null) Rotate(w.AsSpan(i * n, n), w.AsSpan((i + 1) * n, n), c, s);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
        SortAscending(w, n, d);
    }

    /// <summary>Returns dot(row, d) and adds f * row to <paramref name="e"/>, in one pass over <paramref name="row"/>.</summary>
    private static double DotAndAxpy(ReadOnlySpan<double> row, ReadOnlySpan<double> d, double f, Span<double> e)
    {
        var k = 0;
        var dot = 0.0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<double>.Count)
        {
            var (sum, vf) = (Vector<double>.Zero, new Vector<double>(f));
            for (; k <= row.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var r = new Vector<double>(row[k..]);
                sum += r * new Vector<double>(d[k..]);
                (new Vector<double>(e[k..]) + vf * r).CopyTo(e[k..]);
            }
            dot = Vector.Sum(sum);
        }
        for (; k < row.Length; k++)
        {
            dot += row[k] * d[k];
            e[k] += f * row[k];
        }
        return dot;
    }

    /// <summary>row -= f e + g d, in one pass.</summary>
    private static void SubtractRank2(Span<double> row, double f, ReadOnlySpan<double> e, double g, ReadOnlySpan<double> d)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (vf, vg) = (new Vector<double>(f), new Vector<double>(g));
            for (; k <= row.Length - Vector<double>.Count; k += Vector<double>.Count)
                (new Vector<double>(row[k..]) - vf * new Vector<double>(e[k..]) - vg * new Vector<double>(d[k..])).CopyTo(row[k..]);
        }
        for (; k < row.Length; k++) row[k] -= f * e[k] + g * d[k];
    }

    private static double Hypot(double a, double b)
    {
        var (x, y) = (Math.Abs(a), Math.Abs(b));
        if (x < y) (x, y) = (y, x);
        if (x == 0.0) return 0.0;
        var t = y / x;
        return x * Math.Sqrt(1.0 + t * t);
    }

    // (a, b) <- (c a - s b, s a + c b), the Givens rotation of two eigenvector rows.
    private static void Rotate(Span<double> a, Span<double> b, double c, double s)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (vc, vs) = (new Vector<double>(c), new Vector<double>(s));
            for (; k <= a.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var va = new Vector<double>(a[k..]);
                var vb = new Vector<double>(b[k..]);
                (vc * va - vs * vb).CopyTo(a[k..]);
                (vs * va + vc * vb).CopyTo(b[k..]);
            }
        }
        for (; k < a.Length; k++)
        {
            var (x, y) = (a[k], b[k]);
            a[k] = c * x - s * y;
            b[k] = s * x + c * y;
        }
    }

    private static void SortAscending(double[]? w, int n, double[] d)
    {
        for (var i = 0; i < n - 1; i++)
        {
            var k = i;
            for (var j = i + 1; j < n; j++)
                if (d[j] < d[k]) k = j;
            if (k == i) continue;
            (d[i], d[k]) = (d[k], d[i]);
            if (w is null) continue;
            for (var j = 0; j < n; j++) (w[i * n + j], w[k * n + j]) = (w[k * n + j], w[i * n + j]);
        }
    }
}
