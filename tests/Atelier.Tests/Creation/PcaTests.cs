using Atelier.Creation;

namespace Atelier.Tests.Creation;

public sealed class PcaTests
{
    [Fact]
    public void Points_along_a_line_map_to_their_position_on_it()
    {
        var random = new Generator(1);
        var t = Enumerable.Range(0, 50).Select(i => i / 10.0 - 2.5).ToArray();
        var points = t.Select(v => new[] { (float)v, (float)(2 * v) + 0.01f * random.NextNormal(), 0.01f * random.NextNormal() }).ToList();
        var (x, y, shareX, shareY) = Pca.TwoComponents(points);
        for (var i = 0; i < t.Length; i++) Assert.Equal((t[i] - t.Average()) * Math.Sqrt(5), x[i], 0.05);
        Assert.True(shareX > 0.999 && shareY < 0.001, $"shares {shareX}, {shareY}");
        Assert.True(y.All(v => Math.Abs(v) < 0.1));
    }

    [Fact]
    public void Every_point_gets_its_own_slot_near_its_place()
    {
        double[] x = [0, 0, 0, 1, 10], y = [0, 0, 0, 1, 10];
        var slots = Pca.Slots(x, y, 4, 4);
        Assert.Equal(5, slots.Distinct().Count());
        Assert.Equal(12, slots[0]); // bottom left: x = 0, y = 0 (y grows upwards)
        Assert.Equal(3, slots[4]);  // top right
        Assert.Throws<ArgumentException>(() => Pca.Slots(x, y, 2, 2));
    }
}
