using Atelier.Data;

namespace Atelier.Tests.Data;

public sealed class BatchAugmentationTests
{
    private const int Side = 6;

    /// <summary>Image i has two channels: channel 0 holds 1000 i + 10 y + x, channel 1 its negative; label 100 + i.</summary>
    private static LabelledImages Coordinates(int count)
    {
        var images = new Tensor(count, 2, Side, Side);
        for (int i = 0; i < count; i++)
        {
            for (int y = 0; y < Side; y++)
            {
                for (int x = 0; x < Side; x++)
                {
                    images[i, 0, y, x] = 1000 * i + 10 * y + x;
                    images[i, 1, y, x] = -(1000 * i + 10 * y + x);
                }
            }
        }
        return new LabelledImages(images, [.. Enumerable.Range(100, count)]);
    }

    // (image, x0, y0, flipped) of every batch image, checked to be a window of its source image.
    private static List<(int Image, int X, int Y, bool Flipped)> Windows(IEnumerable<Batch> batches, int crop)
    {
        var windows = new List<(int, int, int, bool)>();
        foreach (var batch in batches)
        {
            Assert.Equal(new[] { batch.Count, 2, crop, crop }, batch.Images.Shape);
            for (int i = 0; i < batch.Count; i++)
            {
                var images = batch.Images;
                int first = (int)images[i, 0, 0, 0], last = (int)images[i, 0, 0, crop - 1];
                bool flipped = last < first;
                int image = first / 1000, y0 = first % 1000 / 10, x0 = (flipped ? last : first) % 10;
                Assert.Equal(100 + image, batch.Labels![i]);
                Assert.InRange(x0, 0, Side - crop);
                Assert.InRange(y0, 0, Side - crop);
                for (int y = 0; y < crop; y++)
                {
                    for (int x = 0; x < crop; x++)
                    {
                        int sourceX = flipped ? x0 + crop - 1 - x : x0 + x;
                        float expected = 1000 * image + 10 * (y0 + y) + sourceX;
                        Assert.Equal(expected, images[i, 0, y, x]);
                        Assert.Equal(-expected, images[i, 1, y, x]);
                    }
                }
                windows.Add((image, x0, y0, flipped));
            }
        }
        return windows;
    }

    [Fact]
    public void Crops_are_windows_inside_the_image_at_positions_covering_the_whole_range()
    {
        var loader = new DataLoader(Coordinates(40), batchSize: 8, augmentation: new BatchAugmentation(CropSize: 4));

        var windows = Windows(loader.Epoch(new Generator(1)).Concat(loader.Epoch(new Generator(2))), crop: 4);

        Assert.Equal(80, windows.Count);
        Assert.Equal(new[] { 0, 1, 2 }, windows.Select(w => w.X).Distinct().Order());
        Assert.Equal(new[] { 0, 1, 2 }, windows.Select(w => w.Y).Distinct().Order());
        Assert.DoesNotContain(windows, w => w.Flipped);
    }

    [Fact]
    public void Flips_mirror_rows_about_half_of_the_time()
    {
        var loader = new DataLoader(Coordinates(100), batchSize: 10, augmentation: new BatchAugmentation(HorizontalFlip: true));

        var windows = Windows(loader.Epoch(new Generator(3)), crop: Side);

        Assert.All(windows, w => Assert.Equal((0, 0), (w.X, w.Y)));
        Assert.InRange(windows.Count(w => w.Flipped), 35, 65);
    }

    [Fact]
    public void An_epoch_is_deterministic_from_the_generator_and_skipping_batches_changes_nothing()
    {
        var loader = new DataLoader(Coordinates(30), batchSize: 4, augmentation: new BatchAugmentation(4, HorizontalFlip: true));

        var all = loader.Epoch(new Generator(9)).ToList();
        var again = loader.Epoch(new Generator(9)).ToList();
        var resumed = loader.Epoch(new Generator(9)).Skip(3).ToList();
        var other = loader.Epoch(new Generator(10)).ToList();

        Assert.Equal(all.Select(b => b.Images.Data.ToArray()), again.Select(b => b.Images.Data.ToArray()));
        Assert.Equal(all.Skip(3).Select(b => b.Images.Data.ToArray()), resumed.Select(b => b.Images.Data.ToArray()));
        Assert.Equal(all.Skip(3).Select(b => b.Labels), resumed.Select(b => b.Labels));
        Assert.NotEqual(all.Select(b => b.Images.Data.ToArray()), other.Select(b => b.Images.Data.ToArray()));
    }

    [Fact]
    public void Without_augmentation_the_generator_is_used_only_for_the_order()
    {
        var plain = new Generator(5);
        new DataLoader(Coordinates(10), batchSize: 2).Epoch(plain);
        var reference = new Generator(5);
        var order = new int[10];
        reference.Shuffle(order.AsSpan());

        Assert.Equal(reference.GetState(), plain.GetState());
    }

    [Fact]
    public void A_crop_larger_than_the_images_or_below_one_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Coordinates(4), 2, augmentation: new BatchAugmentation(7)));
        Assert.Contains("The crop size 7 is larger than the 6x6 images", error.Message);
        Assert.Contains("at least 1 pixel, got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchAugmentation(0)).Message);
        Assert.Contains("got -2", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchAugmentation(4) with { CropSize = -2 }).Message);
    }
}
