namespace Atelier.Imaging.Jpeg;

/// <summary>
/// The 8 × 8 inverse DCT of ITU T.81 A.3.3, computed separably in floating point:
/// s(y, x) = 1/4 Σu Σv C(u) C(v) S(v, u) cos((2x + 1) u π / 16) cos((2y + 1) v π / 16), C(0) = 1/√2.
/// </summary>
internal static class JpegIdct
{
    // Basis[x * 8 + u] = C(u) / 2 × cos((2x + 1) u π / 16).
    private static readonly float[] Basis = MakeBasis();

    /// <summary>Transforms dequantised coefficients (natural order) into samples, level-shifted by 128 and clamped.</summary>
    public static void Inverse(Span<float> coefficients, Span<byte> output, int outputStride)
    {
        Span<float> rows = stackalloc float[64];
        var basis = Basis.AsSpan();
        // Columns: for each u, transform down v.
        for (int u = 0; u < 8; u++)
        {
            for (int y = 0; y < 8; y++)
            {
                float sum = 0;
                for (int v = 0; v < 8; v++)
                    sum += basis[y * 8 + v] * coefficients[v * 8 + u];
                rows[y * 8 + u] = sum;
            }
        }
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                float sum = 0;
                for (int u = 0; u < 8; u++)
                    sum += basis[x * 8 + u] * rows[y * 8 + u];
                output[y * outputStride + x] = (byte)Math.Clamp((int)MathF.Round(sum + 128), 0, 255);
            }
        }
    }

    private static float[] MakeBasis()
    {
        var basis = new float[64];
        for (int x = 0; x < 8; x++)
            for (int u = 0; u < 8; u++)
                basis[x * 8 + u] = (float)((u == 0 ? Math.Sqrt(0.5) : 1) / 2 * Math.Cos((2 * x + 1) * u * Math.PI / 16));
        return basis;
    }
}
