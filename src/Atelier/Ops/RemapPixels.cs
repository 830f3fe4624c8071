namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// A per-sample pixel gather on (N, C, H, W): y[n, c, p] = x[n, c, map[n, p]], or 0 where map[n, p] is -1,
    /// with p and map[n, p] flat indices into an H x W plane shared by all channels of sample n. Flips, integer
    /// shifts with zero fill and cutout are all such remaps. Gradient: the adjoint, <see cref="ScatterPixels"/>.
    /// </summary>
    /// <param name="map">N * H * W source indices in [-1, H * W); it must not change while the graph lives.</param>
    internal Tensor RemapPixels(int[] map)
    {
        CheckPixelMap(map, "remap-pixels");
        var y = Empty(Dims); // (N, C, H, W)
        ForEachPlane(map, y, static (sampleMap, from, to) =>
        {
            for (var p = 0; p < to.Length; p++)
                to[p] = sampleMap[p] < 0 ? 0f : from[sampleMap[p]];
        });
        return y.Record("remap-pixels", [this], g => [g.ScatterPixels(map)]);
    }

    /// <summary>
    /// The adjoint of <see cref="RemapPixels"/>: y[n, c, map[n, p]] += x[n, c, p] for every p with map[n, p] &gt;= 0.
    /// Gradient: g remapped (the adjoint of the adjoint), so second-order gradients flow through both.
    /// </summary>
    internal Tensor ScatterPixels(int[] map)
    {
        CheckPixelMap(map, "scatter-pixels");
        var y = Zeros(Dims); // (N, C, H, W)
        ForEachPlane(map, y, static (sampleMap, from, to) =>
        {
            for (var p = 0; p < from.Length; p++)
                if (sampleMap[p] >= 0) to[sampleMap[p]] += from[p];
        });
        return y.Record("scatter-pixels", [this], g => [g.RemapPixels(map)]);
    }

    private delegate void PlaneKernel(ReadOnlySpan<int> sampleMap, ReadOnlySpan<float> from, Span<float> to);

    // Runs the kernel on every (sample, channel) plane of this tensor and of y, with the sample's map.
    private void ForEachPlane(int[] map, Tensor y, PlaneKernel kernel)
    {
        var (n, c, plane) = (Dims[0], Dims[1], Dims[2] * Dims[3]);
        for (var s = 0; s < n; s++)
            for (var ch = 0; ch < c; ch++)
                kernel(map.AsSpan(s * plane, plane), Data.Slice((s * c + ch) * plane, plane), y.Data.Slice((s * c + ch) * plane, plane));
    }

    private void CheckPixelMap(int[] map, string op)
    {
        RequireRank(4, op);
        var plane = Dims[2] * Dims[3];
        if (map.Length != Dims[0] * plane)
            throw new ArgumentException($"{op}: the pixel map has {map.Length} entries but shape {ShapeMath.Format(Dims)} needs N * H * W = {Dims[0] * plane}");
        foreach (var source in map)
            if (source < -1 || source >= plane)
                throw new ArgumentException($"{op}: pixel map entry {source} is outside [-1, {plane}) for shape {ShapeMath.Format(Dims)}");
    }
}
