namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// The same data with another shape (a view: no copy). One dimension may be -1 and is inferred.
    /// Gradient: g reshaped back.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        var resolved = (int[])shape.Clone();
        var infer = Array.IndexOf(resolved, -1);
        var known = 1;
        for (var i = 0; i < resolved.Length; i++)
        {
            if (i == infer) continue;
            if (resolved[i] < 0) throw new ArgumentException($"reshape: invalid shape {ShapeMath.Format(shape)}");
            known *= resolved[i];
        }
        if (infer >= 0)
        {
            if (Array.LastIndexOf(resolved, -1) != infer) throw new ArgumentException($"reshape: only one dimension can be -1, got {ShapeMath.Format(shape)}");
            if (known == 0 || Size % known != 0)
                throw new ArgumentException($"reshape: cannot view {ShapeMath.Format(Dims)} ({Size} elements) as {ShapeMath.Format(shape)}");
            resolved[infer] = Size / known;
        }
        else if (known != Size)
        {
            throw new ArgumentException($"reshape: cannot view {ShapeMath.Format(Dims)} ({Size} elements) as {ShapeMath.Format(shape)} ({known} elements)");
        }
        if (ShapeMath.SameShape(resolved, Dims)) return this;
        var y = View(resolved);
        var x = this;
        return y.Record("reshape", [x], g => [g.Reshape(x.Dims)]);
    }

    /// <summary>Merges all dimensions from <paramref name="startAxis"/> on into one, e.g. (N, C, H, W) to (N, C*H*W).</summary>
    public Tensor Flatten(int startAxis = 1)
    {
        var start = ShapeMath.NormalizeAxis(startAxis, Rank);
        var shape = new int[start + 1];
        Dims.AsSpan(0, start).CopyTo(shape);
        shape[start] = ShapeMath.Product(Dims.AsSpan(start));
        return Reshape(shape);
    }
}
