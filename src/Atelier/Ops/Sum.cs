using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Sum of all elements (a scalar tensor of shape []).</summary>
    public Tensor Sum() => Sum(Enumerable.Range(0, Rank).ToArray(), keepDim: false);

    /// <summary>Sum over one axis.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => Sum([axis], keepDim);

    /// <summary>Sum over the given axes. Gradient: g broadcast back to the input's shape.</summary>
    public Tensor Sum(int[] axes, bool keepDim = false)
    {
        var normalized = ShapeMath.NormalizeAxes(axes, Rank);
        var kept = (int[])Dims.Clone();
        foreach (var axis in normalized) kept[axis] = 1;
        var resultShape = keepDim ? kept : ShapeMath.RemoveAxes(Dims, normalized);
        Tensor y;
        if (normalized.Length == 0)
        {
            y = ScopedCopy();
        }
        else if (normalized.Length == Rank)
        {
            y = Empty(resultShape);
            y.Data[0] = System.Numerics.Tensors.TensorPrimitives.Sum(Data);
        }
        else
        {
            var data = this;
            var shape = (int[])Dims.Clone();
            foreach (var axis in normalized)
            {
                var (outer, n, inner) = Reductions.Split(data.Dims, axis);
                shape[axis] = 1;
                var reduced = Empty(shape); // copies the shape, which the next axis changes
                Reductions.SumAxis(data.Data, outer, n, inner, reduced.Data);
                data = reduced;
            }
            y = data.View(resultShape);
        }
        var x = this;
        return y.Record("sum", [x], g => [g.Reshape(kept).BroadcastTo(x.Dims)]);
    }

    /// <summary>Mean of all elements.</summary>
    public Tensor Mean() => Sum() * (1f / Math.Max(1, Size));

    /// <summary>Mean over the given axes.</summary>
    public Tensor Mean(int[] axes, bool keepDim = false)
    {
        var uniqueAxes = ShapeMath.NormalizeAxes(axes, Rank);
        var count = 1;
        foreach (var axis in uniqueAxes) count *= Dims[axis];
        return Sum(uniqueAxes, keepDim) * (1f / Math.Max(1, count));
    }

    public Tensor Mean(int axis, bool keepDim = false) => Mean([axis], keepDim);

    /// <summary>
    /// Sums this tensor down to <paramref name="shape"/> (the inverse of broadcasting it there).
    /// Gradient: g broadcast back.
    /// </summary>
    internal Tensor SumTo(int[] shape)
    {
        if (ShapeMath.SameShape(Dims, shape)) return this;
        var lead = Rank - shape.Length;
        var axes = new List<int>();
        for (var i = 0; i < Rank; i++)
            if (i < lead || shape[i - lead] == 1 && Dims[i] != 1) axes.Add(i);
        return Sum(axes.ToArray(), keepDim: true).Reshape(shape);
    }

    /// <summary>Repeats this tensor along broadcast axes to <paramref name="shape"/>. Gradient: g summed back.</summary>
    public Tensor BroadcastTo(IReadOnlyList<int> shape)
    {
        var target = shape.ToArray();
        if (ShapeMath.SameShape(Dims, target)) return this;
        var check = ShapeMath.Broadcast(Dims, target, "broadcast");
        if (!ShapeMath.SameShape(check, target))
            throw new ArgumentException($"broadcast: shape {ShapeMath.Format(Dims)} cannot be broadcast to {ShapeMath.Format(target)}");
        var y = Empty(target);
        Broadcasting.Binary<CopySecondOperator>(y, this, y);
        var x = this;
        return y.Record("broadcast", [x], g => [g.SumTo(x.Dims)]);
    }
}
