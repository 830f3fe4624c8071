namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Elements [start, start + length) along <paramref name="axis"/> (copies). Gradient: g placed back, zeros elsewhere.</summary>
    public Tensor Slice(int axis, int start, int length)
    {
        var a = ShapeMath.NormalizeAxis(axis, Rank);
        if (start < 0 || length < 0 || start + length > Dims[a])
            throw new ArgumentOutOfRangeException(nameof(start), $"slice [{start}, {start + length}) is outside axis {a} of size {Dims[a]} (shape {ShapeMath.Format(Dims)})");
        var shape = (int[])Dims.Clone();
        shape[a] = length;
        var y = Empty(shape);
        CopyBlocks(Data, Dims[a], start, y.Data, length, 0, length, BlockSize(a));
        var x = this;
        return y.Record("slice", [x], g => [g.PadAxis(a, start, x.Dims[a])]);
    }

    /// <summary>This tensor placed at [start, start + size) of a zero tensor whose axis has <paramref name="fullLength"/>. Gradient: the slice.</summary>
    internal Tensor PadAxis(int axis, int start, int fullLength)
    {
        var shape = (int[])Dims.Clone();
        shape[axis] = fullLength;
        var y = Zeros(shape);
        CopyBlocks(Data, Dims[axis], 0, y.Data, fullLength, start, Dims[axis], BlockSize(axis));
        return y.Record("pad", [this], g => [g.Slice(axis, start, Dims[axis])]);
    }

    /// <summary>Joins tensors along an axis; all other dimensions must agree. Gradient: g sliced back.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("concat needs at least one tensor");
        var first = tensors[0];
        var a = ShapeMath.NormalizeAxis(axis, first.Rank);
        var total = 0;
        foreach (var t in tensors)
        {
            var compatible = t.Rank == first.Rank && Enumerable.Range(0, t.Rank).All(i => i == a || t.Dims[i] == first.Dims[i]);
            if (!compatible)
                throw new ArgumentException($"concat along axis {a}: shape {ShapeMath.Format(t.Dims)} does not match {ShapeMath.Format(first.Dims)}");
            total += t.Dims[a];
        }
        var shape = (int[])first.Dims.Clone();
        shape[a] = total;
        var y = Empty(shape);
        var block = first.BlockSize(a);
        var offset = 0;
        var starts = new int[tensors.Count];
        for (var i = 0; i < tensors.Count; i++)
        {
            starts[i] = offset;
            CopyBlocks(tensors[i].Data, tensors[i].Dims[a], 0, y.Data, total, offset, tensors[i].Dims[a], block);
            offset += tensors[i].Dims[a];
        }
        var inputs = tensors.ToArray();
        return y.Record("concat", inputs, g => inputs.Select((t, i) => (Tensor?)g.Slice(a, starts[i], t.Dims[a])).ToArray());
    }

    private int BlockSize(int axis)
    {
        var inner = 1;
        for (var i = axis + 1; i < Rank; i++) inner *= Dims[i];
        return inner;
    }

    // Copies `count` slabs along an axis from src (axis length srcLen) to dst (axis length dstLen), for every outer index.
    private static void CopyBlocks(ReadOnlySpan<float> src, int srcLen, int srcStart, Span<float> dst, int dstLen, int dstStart, int count, int inner)
    {
        if (srcLen == 0 || count == 0) return;
        var outer = src.Length / (srcLen * inner);
        for (var o = 0; o < outer; o++)
            src.Slice((o * srcLen + srcStart) * inner, count * inner).CopyTo(dst.Slice((o * dstLen + dstStart) * inner, count * inner));
    }
}
