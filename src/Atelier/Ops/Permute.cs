using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Reorders the axes: output axis i is input axis <paramref name="axes"/>[i] (copies). Gradient: the inverse permutation.</summary>
    public Tensor Permute(params int[] axes)
    {
        if (axes.Length != Rank || axes.Select(a => ShapeMath.NormalizeAxis(a, Rank)).Distinct().Count() != Rank)
            throw new ArgumentException($"permute: {ShapeMath.Format(axes)} is not a permutation of the {Rank} axes of {ShapeMath.Format(Dims)}");
        var normalized = axes.Select(a => ShapeMath.NormalizeAxis(a, Rank)).ToArray();
        var y = Empty(normalized.Select(a => Dims[a]).ToArray());
        Broadcasting.Permute(this, normalized, y);
        var inverse = new int[Rank];
        for (var i = 0; i < Rank; i++) inverse[normalized[i]] = i;
        return y.Record("permute", [this], g => [g.Permute(inverse)]);
    }

    /// <summary>Swaps two axes.</summary>
    public Tensor Transpose(int axis0 = -2, int axis1 = -1)
    {
        var axes = Enumerable.Range(0, Rank).ToArray();
        var (a, b) = (ShapeMath.NormalizeAxis(axis0, Rank), ShapeMath.NormalizeAxis(axis1, Rank));
        (axes[a], axes[b]) = (axes[b], axes[a]);
        return Permute(axes);
    }
}
