using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>Maximum over one axis. Gradient: g routed to the (first) position of each maximum.</summary>
    public Tensor Max(int axis, bool keepDim = false)
    {
        var a = ShapeMath.NormalizeAxis(axis, Rank);
        var (outer, n, inner) = Reductions.Split(Dims, a);
        var kept = (int[])Dims.Clone();
        kept[a] = 1;
        var y = Empty(keepDim ? kept : Dims.Where((_, i) => i != a).ToArray());
        var argmax = new int[outer * inner];
        Reductions.MaxAxis(Data, outer, n, inner, y.Data, argmax);
        var x = this;
        return y.Record("max", [x], g =>
        {
            var mask = Zeros(x.Dims);
            var m = mask.Data;
            for (var o = 0; o < outer; o++)
                for (var i = 0; i < inner; i++)
                    m[(o * n + argmax[o * inner + i]) * inner + i] = 1f;
            return [g.Reshape(kept).BroadcastTo(x.Dims) * mask];
        });
    }

    /// <summary>Maximum of all elements.</summary>
    public Tensor Max() => Reshape(Size).Max(0);
}
