using System.Numerics.Tensors;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// Rows of <paramref name="weight"/> (classes, dim) picked by <paramref name="indices"/>: (N, dim), as
    /// torch.nn.functional.embedding. Gradient: g's rows added into a zero (classes, dim) table at the same indices.
    /// </summary>
    public static Tensor Embedding(Tensor weight, ReadOnlySpan<int> indices)
    {
        if (weight.Rank != 2)
            throw new ArgumentException($"embedding: expected a weight table (classes, dim), got {ShapeMath.Format(weight.Dims)}");
        var classes = weight.Dims[0];
        for (var i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)classes)
                throw new ArgumentException($"embedding: label {indices[i]} at position {i} is outside [0, {classes})");
        return GatherRows(weight, indices.ToArray());
    }

    // The two ops below are each other's gradient, so the pair can be differentiated any number of times.
    private static Tensor GatherRows(Tensor table, int[] rows)
    {
        var dim = table.Dims[1];
        var y = Empty(rows.Length, dim);
        var src = table.Data;
        var dst = y.Data;
        for (var i = 0; i < rows.Length; i++) src.Slice(rows[i] * dim, dim).CopyTo(dst.Slice(i * dim, dim));
        var classes = table.Dims[0];
        return y.Record("embedding", [table], g => [ScatterAddRows(g, rows, classes)]);
    }

    private static Tensor ScatterAddRows(Tensor g, int[] rows, int classes)
    {
        var dim = g.Dims[1];
        var y = Zeros(classes, dim);
        var src = g.Data;
        var dst = y.Data;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = dst.Slice(rows[i] * dim, dim);
            TensorPrimitives.Add(row, src.Slice(i * dim, dim), row);
        }
        return y.Record("embedding-grad", [g], gg => [GatherRows(gg, rows)]);
    }
}
