using Atelier.Data;

namespace Atelier.Tests.Data;

public sealed class DataLoaderTests
{
    /// <summary>Image i is filled with the value i and labelled 100 + i.</summary>
    private static LabelledImages Numbered(int count, bool labelled = true)
    {
        var images = new Tensor(count, 1, 2, 2);
        for (int i = 0; i < count; i++)
            images.Data.Slice(4 * i, 4).Fill(i);
        return new LabelledImages(images, labelled ? [.. Enumerable.Range(100, count)] : null);
    }

    private static List<int> Order(IEnumerable<Batch> epoch) =>
        epoch.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => (int)b.Images.Data[4 * i])).ToList();

    [Fact]
    public void Every_image_comes_exactly_once_per_epoch_with_its_label()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 3, shuffle: true, dropLast: false);
        var batches = loader.Epoch(new Generator(1)).ToList();

        Assert.Equal(4, loader.BatchesPerEpoch);
        Assert.Equal(new[] { 3, 3, 3, 1 }, batches.Select(b => b.Count));
        var order = Order(batches);
        Assert.Equal(Enumerable.Range(0, 10), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 10), order);
        Assert.Equal(order.Select(i => 100 + i), batches.SelectMany(b => b.Labels!));
    }

    [Fact]
    public void The_same_seed_gives_the_same_order_and_later_epochs_differ()
    {
        var loader = new DataLoader(Numbered(50), batchSize: 5);
        var first = new Generator(42);
        var second = new Generator(42);

        var a1 = Order(loader.Epoch(first));
        var b1 = Order(loader.Epoch(second));
        var a2 = Order(loader.Epoch(first));

        Assert.Equal(a1, b1);
        Assert.NotEqual(a1, a2);
        Assert.Equal(Order(new DataLoader(Numbered(50), batchSize: 5).Epoch(new Generator(42))), a1);
    }

    [Fact]
    public void The_order_is_drawn_when_the_epoch_starts_not_when_it_is_enumerated()
    {
        var loader = new DataLoader(Numbered(20), batchSize: 4);
        var generator = new Generator(7);

        var epoch = loader.Epoch(generator);
        generator.NextFloat();   // e.g. noise drawn before the first batch
        var late = Order(epoch);

        Assert.Equal(Order(loader.Epoch(new Generator(7))), late);
    }

    [Fact]
    public void Restoring_the_generator_state_replays_the_epoch()
    {
        var loader = new DataLoader(Numbered(20), batchSize: 4);
        var generator = new Generator(3);
        _ = Order(loader.Epoch(generator));
        var saved = generator.GetState();
        var expected = Order(loader.Epoch(generator));

        var restored = new Generator(0);
        restored.SetState(saved);

        Assert.Equal(expected, Order(loader.Epoch(restored)));
    }

    [Fact]
    public void Drop_last_leaves_out_the_partial_batch()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 3);
        var batches = loader.Epoch(new Generator(5)).ToList();

        Assert.Equal(3, loader.BatchesPerEpoch);
        Assert.Equal(new[] { 3, 3, 3 }, batches.Select(b => b.Count));
        Assert.Equal(9, Order(batches).Distinct().Count());
    }

    [Fact]
    public void Without_shuffle_images_come_in_dataset_order()
    {
        var loader = new DataLoader(Numbered(7), batchSize: 2, shuffle: false, dropLast: false);

        Assert.Equal(Enumerable.Range(0, 7), Order(loader.Epoch(new Generator(1))));
    }

    [Fact]
    public void Batches_are_copies_of_the_source_images()
    {
        var images = new Tensor(6, 3, 2, 2);
        var random = new Generator(9);
        foreach (ref float v in images.Data)
            v = random.NextFloat();
        var data = new LabelledImages(images, [0, 1, 2, 3, 4, 5]);
        var loader = new DataLoader(data, batchSize: 4, dropLast: false);

        foreach (var batch in loader.Epoch(new Generator(2)))
        {
            Assert.Equal(new[] { batch.Count, 3, 2, 2 }, batch.Images.Shape);
            for (int i = 0; i < batch.Count; i++)
            {
                int source = batch.Labels![i];
                Assert.Equal(images.Data.Slice(12 * source, 12).ToArray(), batch.Images.Data.Slice(12 * i, 12).ToArray());
            }
            batch.Images.Data.Fill(-1);
        }
        Assert.DoesNotContain(-1f, images.ToArray());
    }

    [Fact]
    public void Unlabelled_data_gives_null_labels()
    {
        var loader = new DataLoader(Numbered(4, labelled: false), batchSize: 2);

        Assert.All(loader.Epoch(new Generator(1)), b => Assert.Null(b.Labels));
    }

    [Fact]
    public void Bad_batch_sizes_are_rejected_with_the_dataset_size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Numbered(10), 0));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Numbered(10), 64));
        Assert.Contains("10 images", ex.Message);
        Assert.Contains("--batch 10", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);

        var whole = new DataLoader(Numbered(10), 64, dropLast: false);
        Assert.Equal(new[] { 10 }, whole.Epoch(new Generator(1)).Select(b => b.Count));
    }
}
