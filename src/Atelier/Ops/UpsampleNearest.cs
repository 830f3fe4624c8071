namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// Nearest-neighbour upsampling of (N, C, H, W) by an integer factor to (N, C, H*s, W*s).
    /// Gradient: g summed over each s x s block.
    /// </summary>
    public Tensor UpsampleNearest(int scale)
    {
        RequireRank(4, "upsample");
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), $"upsample: scale must be at least 1, got {scale}");
        var (planes, h, w) = (Dims[0] * Dims[1], Dims[2], Dims[3]);
        var y = Empty(Dims[0], Dims[1], h * scale, w * scale);
        var src = Data;
        var dst = y.Data;
        var ow = w * scale;
        for (var p = 0; p < planes; p++)
            for (var i = 0; i < h * scale; i++)
            {
                var srcRow = src.Slice((p * h + i / scale) * w, w);
                var dstRow = dst.Slice((p * h * scale + i) * ow, ow);
                for (var j = 0; j < ow; j++) dstRow[j] = srcRow[j / scale];
            }
        return y.Record("upsample-nearest", [this], g => [g.SumPool(scale)]);
    }

    /// <summary>Sums each s x s block of (N, C, H, W): the adjoint of <see cref="UpsampleNearest"/>. Gradient: g upsampled.</summary>
    internal Tensor SumPool(int scale)
    {
        var (planes, h, w) = (Dims[0] * Dims[1], Dims[2] / scale, Dims[3] / scale);
        var y = Zeros(Dims[0], Dims[1], h, w);
        var src = Data;
        var dst = y.Data;
        for (var p = 0; p < planes; p++)
            for (var i = 0; i < h * scale; i++)
                for (var j = 0; j < w * scale; j++)
                    dst[(p * h + i / scale) * w + j / scale] += src[(p * h * scale + i) * w * scale + j];
        return y.Record("sum-pool", [this], g => [g.UpsampleNearest(scale)]);
    }

    private void RequireRank(int rank, string op)
    {
        if (Rank != rank)
            throw new ArgumentException($"{op}: expected a tensor of rank {rank}, got shape {ShapeMath.Format(Dims)}");
    }
}
