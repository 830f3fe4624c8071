namespace Atelier.Tests.Engine;

public sealed class RemapPixelsTests
{
    // One sample, 2 channels of 1 x 3 pixels; the map reads pixel 2, nothing, pixel 2 again.
    private static readonly int[] Map = [2, -1, 2];

    [Fact]
    public void Remap_gathers_per_channel_with_zeros_for_minus_one()
    {
        var x = Tensor.FromArray([1f, 2, 3, 4, 5, 6], 1, 2, 1, 3);
        Assert.Equal([3f, 0, 3, 6, 0, 6], x.RemapPixels(Map).ToArray());
    }

    [Fact]
    public void Scatter_is_the_adjoint_of_remap()
    {
        // <remap(x), y> = <x, scatter(y)> for any x and y.
        var x = Tensor.Normal([2, 3, 4, 5], new Generator(1));
        var y = Tensor.Normal([2, 3, 4, 5], new Generator(2));
        var map = Enumerable.Range(0, 40).Select(i => (i * 7) % 21 - 1).ToArray();
        var left = (x.RemapPixels(map) * y).Sum().Item();
        var right = (x * y.ScatterPixels(map)).Sum().Item();
        Assert.Equal(left, right, 4);
        Assert.Equal([0f, 0, 7, 0, 0, 8], Tensor.FromArray([1f, 2, 6, 3, 4, 5], 1, 2, 1, 3).ScatterPixels(Map).ToArray());
    }

    [Fact]
    public void Bad_maps_are_rejected()
    {
        var x = new Tensor(1, 2, 1, 3);
        var length = Assert.Throws<ArgumentException>(() => x.RemapPixels([0, 1]));
        Assert.Contains("the pixel map has 2 entries but shape [1, 2, 1, 3] needs N * H * W = 3", length.Message);
        var range = Assert.Throws<ArgumentException>(() => x.ScatterPixels([0, 3, 1]));
        Assert.Contains("pixel map entry 3 is outside [-1, 3)", range.Message);
    }
}
