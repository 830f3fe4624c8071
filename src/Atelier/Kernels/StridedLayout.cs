namespace Atelier.Kernels;

/// <summary>
/// Walks an n-dimensional index space over several operands, each with its own strides, as rows:
/// adjacent dimensions that are contiguous for every operand are merged, so that the innermost loop
/// runs over the longest possible row. Broadcast operands have stride 0 on broadcast axes.
/// </summary>
internal sealed class StridedLayout
{
    private readonly int[] _outerDims;
    private readonly int[][] _outerStrides;

    public StridedLayout(int[] dims, params int[][] strides)
    {
        var keptDims = new List<int>();
        var keptStrides = strides.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 1) continue;
            var merge = keptDims.Count > 0;
            for (var k = 0; merge && k < strides.Length; k++)
                merge = keptStrides[k][^1] == strides[k][i] * dims[i];
            if (merge)
            {
                keptDims[^1] *= dims[i];
                for (var k = 0; k < strides.Length; k++) keptStrides[k][^1] = strides[k][i];
            }
            else
            {
                keptDims.Add(dims[i]);
                for (var k = 0; k < strides.Length; k++) keptStrides[k].Add(strides[k][i]);
            }
        }
        if (keptDims.Count == 0)
        {
            keptDims.Add(1);
            foreach (var s in keptStrides) s.Add(0);
        }
        RowLength = keptDims[^1];
        InnerStrides = keptStrides.Select(s => s[^1]).ToArray();
        _outerDims = keptDims.Take(keptDims.Count - 1).ToArray();
        _outerStrides = keptStrides.Select(s => s.Take(s.Count - 1).ToArray()).ToArray();
        RowCount = 1;
        foreach (var d in _outerDims) RowCount *= d;
    }

    public int RowLength { get; }

    public int RowCount { get; }

    /// <summary>Stride of each operand along the row.</summary>
    public int[] InnerStrides { get; }

    /// <summary>Start offset of row <paramref name="row"/> for operand <paramref name="operand"/>.</summary>
    public int RowStart(int row, int operand)
    {
        var strides = _outerStrides[operand];
        var offset = 0;
        for (var d = _outerDims.Length - 1; d >= 0; d--)
        {
            var dim = _outerDims[d];
            offset += row % dim * strides[d];
            row /= dim;
        }
        return offset;
    }
}
