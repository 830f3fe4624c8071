using Atelier.NN.Layers;

namespace Atelier.Tests.Layers;

public sealed class EmbeddingTests
{
    [Fact]
    public void Forward_picks_the_labelled_rows_from_ints_or_floats()
    {
        var embedding = new Embedding(4, 3, new Generator(1));
        int[] labels = [3, 1, 3];
        var fromInts = embedding.Forward(labels);
        var fromFloats = embedding.Forward(Tensor.FromArray([3f, 1f, 3f], 3));
        Assert.Equal([3, 3], fromInts.Shape);
        var w = embedding.Weight.ToArray();
        var expected = labels.SelectMany(k => w.Skip(k * 3).Take(3)).ToArray();
        Assert.Equal(expected, fromInts.ToArray());
        Assert.Equal(expected, fromFloats.ToArray());
    }

    [Fact]
    public void Gradient_adds_up_the_rows_of_repeated_labels()
    {
        var embedding = new Embedding(4, 2, new Generator(1));
        var upstream = Tensor.FromArray([1f, 2f, 10f, 20f, 100f, 200f], 3, 2);
        (embedding.Forward([3, 0, 3]) * upstream).Sum().Backward();
        // Row 3 gets samples 0 and 2: (1 + 100, 2 + 200); row 0 gets sample 1; rows 1 and 2 nothing.
        Assert.Equal([10f, 20f, 0f, 0f, 0f, 0f, 101f, 202f], embedding.Weight.Grad!.ToArray());
    }

    [Fact]
    public void Weights_start_standard_normal_as_in_PyTorch()
    {
        var embedding = new Embedding(100, 50, new Generator(7));
        Assert.Equal(Tensor.Normal([100, 50], new Generator(7)).ToArray(), embedding.Weight.ToArray());
        var w = embedding.Weight.ToArray();
        var mean = w.Average();
        var std = Math.Sqrt(w.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(std, 0.95, 1.05);
    }

    [Fact]
    public void A_lookup_allocates_only_its_rows_for_a_big_table()
    {
        var embedding = new Embedding(200_000, 4, new Generator(1)); // a 3.2 MB table
        embedding.Forward([5, 199_999]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        embedding.Forward([7, 123_456, 0]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4_000, $"a lookup of 3 rows allocated {allocated} bytes");
    }

    [Fact]
    public void Bad_labels_are_named_with_their_position()
    {
        var embedding = new Embedding(5, 2, new Generator(1));
        Assert.Contains("label 5 at position 1 is outside [0, 5)", Assert.Throws<ArgumentException>(() => embedding.Forward([0, 5, 2])).Message);
        Assert.Contains("label -1 at position 0 is outside [0, 5)", Assert.Throws<ArgumentException>(() => embedding.Forward([-1])).Message);
        Assert.Contains("Embedding(5, 2): input 1.5 at position 2 is not a class index in [0, 5)",
            Assert.Throws<ArgumentException>(() => embedding.Forward(Tensor.FromArray([0f, 1f, 1.5f], 3))).Message);
        Assert.Contains("input 7 at position 0 is not a class index in [0, 5)",
            Assert.Throws<ArgumentException>(() => embedding.Forward(Tensor.FromArray([7f], 1))).Message);
        Assert.Contains("Embedding(5, 2) expected class indices (N), got [2, 1]",
            Assert.Throws<ArgumentException>(() => embedding.Forward(Tensor.Zeros(2, 1))).Message);
        Assert.Contains("Embedding needs a positive class count and dimension, got (0, 3)",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(0, 3, new Generator(1))).Message);
    }
}
