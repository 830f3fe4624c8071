namespace Atelier.Kernels;

/// <summary>Drives an <see cref="IBinaryOperator"/> over two broadcast operands into a contiguous result.</summary>
internal static class Broadcasting
{
    public static void Binary<TOp>(Tensor a, Tensor b, Tensor y) where TOp : IBinaryOperator
    {
        var ad = a.Data;
        var bd = b.Data;
        var yd = y.Data;
        if (ShapeMath.SameShape(a.Dims, b.Dims)) { SharedPasses.Binary(ad, bd, yd, 0, static (a, b, y, _) => TOp.Invoke(a, b, y)); return; }
        if (b.Size == 1)
        {
            SharedPasses.Unary(ad, yd, bd[0], static (a, y, scalar) => TOp.Invoke(a, scalar, y));
            return;
        }
        if (a.Size == 1) { TOp.Invoke(ad[0], bd, yd); return; }

        var layout = new StridedLayout(y.Dims,
            ShapeMath.BroadcastStrides(a.Dims, y.Dims),
            ShapeMath.BroadcastStrides(b.Dims, y.Dims),
            ShapeMath.Strides(y.Dims));
        var n = layout.RowLength;
        var (sa, sb) = (layout.InnerStrides[0], layout.InnerStrides[1]);
        for (var row = 0; row < layout.RowCount; row++)
        {
            var (oa, ob, oy) = (layout.RowStart(row, 0), layout.RowStart(row, 1), layout.RowStart(row, 2));
            var dst = yd.Slice(oy, n);
            if (sa == 1 && sb == 1) TOp.Invoke(ad.Slice(oa, n), bd.Slice(ob, n), dst);
            else if (sa == 1) TOp.Invoke(ad.Slice(oa, n), bd[ob], dst);
            else if (sb == 1) TOp.Invoke(ad[oa], bd.Slice(ob, n), dst);
            else dst.Fill(TOp.Invoke(ad[oa], bd[ob]));
        }
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> with permuted axes.</summary>
    public static void Permute(Tensor source, int[] axes, Tensor destination)
    {
        var sourceStrides = ShapeMath.Strides(source.Dims);
        var permuted = axes.Select(a => sourceStrides[a]).ToArray();
        var layout = new StridedLayout(destination.Dims, permuted, ShapeMath.Strides(destination.Dims));
        var src = source.Data;
        var dst = destination.Data;
        var n = layout.RowLength;
        var stride = layout.InnerStrides[0];
        for (var row = 0; row < layout.RowCount; row++)
        {
            var (os, od) = (layout.RowStart(row, 0), layout.RowStart(row, 1));
            if (stride == 1) { src.Slice(os, n).CopyTo(dst.Slice(od, n)); continue; }
            for (var i = 0; i < n; i++) dst[od + i] = src[os + i * stride];
        }
    }
}
