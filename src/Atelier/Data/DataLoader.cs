namespace Atelier.Data;

/// <summary>
/// Splits a dataset into mini-batches, one epoch at a time. A shuffled epoch's order is drawn from
/// the generator when <see cref="Epoch"/> is called, as one Fisher-Yates shuffle of 0 … N − 1, so it
/// depends only on the generator's state at that moment: restoring a saved state replays the epoch.
/// With a <see cref="BatchAugmentation"/>, one more number is drawn right after the shuffle, and batch
/// k's crops and flips come from a generator seeded by that number and k alone: they do not depend
/// on whether earlier batches were enumerated, so skipping batches to resume gives the same batches.
/// </summary>
public sealed class DataLoader
{
    private readonly LabelledImages _data;

    /// <summary>Creates a loader over <paramref name="data"/>.</summary>
    /// <param name="data">The images (N, C, H, W) and their labels.</param>
    /// <param name="batchSize">Images per batch.</param>
    /// <param name="shuffle">Draw a new order for every epoch; otherwise images come in dataset order.</param>
    /// <param name="dropLast">Leave out the final batch when it would be smaller than <paramref name="batchSize"/>.</param>
    /// <param name="augmentation">Random crops and flips applied to every batch; null (the default) copies images unchanged.</param>
    /// <exception cref="ArgumentException">The dataset is empty, the batch size is below 1, with <paramref name="dropLast"/> it is larger than the dataset, or the crop is larger than the images.</exception>
    public DataLoader(LabelledImages data, int batchSize, bool shuffle = true, bool dropLast = true, BatchAugmentation? augmentation = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
            throw new ArgumentException("The dataset is empty; there is nothing to make batches from.", nameof(data));
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"The batch size must be at least 1, got {batchSize}.");
        if (dropLast && batchSize > data.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"The batch size {batchSize} is larger than the dataset of {data.Count} images, so every epoch would be empty; use --batch {data.Count} or smaller.");
        if (augmentation?.CropSize is int crop && (crop > data.Images.Dim(2) || crop > data.Images.Dim(3)))
            throw new ArgumentOutOfRangeException(nameof(augmentation), $"The crop size {crop} is larger than the {data.Images.Dim(3)}x{data.Images.Dim(2)} images; load the images at {crop} pixels or more, or crop less.");
        _data = data;
        Augmentation = augmentation;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
    }

    /// <summary>Images per batch (the last batch of an epoch may have fewer unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; }

    /// <summary>Whether every epoch has a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a final partial batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>The random crops and flips applied to batches, or null.</summary>
    public BatchAugmentation? Augmentation { get; }

    /// <summary>Number of images in the dataset.</summary>
    public int Count => _data.Count;

    /// <summary>Number of batches one <see cref="Epoch"/> yields.</summary>
    public int BatchesPerEpoch => DropLast ? Count / BatchSize : (Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// One pass over the dataset. With <see cref="Shuffle"/> the order is drawn from
    /// <paramref name="generator"/> now, before the first batch is requested (the generator is not
    /// used otherwise), followed by one draw for the <see cref="Augmentation"/> when there is one.
    /// Every batch is copied into new tensors, so callers may keep or modify them.
    /// </summary>
    public IEnumerable<Batch> Epoch(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var order = new int[Count];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        if (Shuffle)
            generator.Shuffle(order.AsSpan());
        if (Augmentation is null)
            return Batches(order);
        return AugmentedBatches(order, Augmentation, generator.NextUInt64());
    }

    private IEnumerable<Batch> Batches(int[] order)
    {
        var source = _data.Images;
        int channels = source.Dim(1), height = source.Dim(2), width = source.Dim(3);
        int perImage = channels * height * width;
        for (int b = 0; b < BatchesPerEpoch; b++)
        {
            int start = b * BatchSize, count = Math.Min(BatchSize, Count - start);
            var images = new Tensor(count, channels, height, width);   // (B, C, H, W)
            int[]? labels = _data.Labels is null ? null : new int[count];
            for (int i = 0; i < count; i++)
            {
                int index = order[start + i];
                source.Data.Slice(index * perImage, perImage).CopyTo(images.Data.Slice(i * perImage, perImage));
                if (labels is not null)
                    labels[i] = _data.Labels![index];
            }
            yield return new Batch(images, labels);
        }
    }

    private IEnumerable<Batch> AugmentedBatches(int[] order, BatchAugmentation augmentation, ulong epochSeed)
    {
        var source = _data.Images;
        int channels = source.Dim(1), height = source.Dim(2), width = source.Dim(3);
        int crop = augmentation.CropSize ?? 0;
        int cropHeight = crop > 0 ? crop : height, cropWidth = crop > 0 ? crop : width;
        int perImage = channels * height * width;
        for (int b = 0; b < BatchesPerEpoch; b++)
        {
            // Seeded by (epoch draw, batch index) only, so that batch b is the same when earlier batches are skipped.
            var random = new Generator(unchecked((long)(epochSeed + (ulong)b)));
            int start = b * BatchSize, count = Math.Min(BatchSize, Count - start);
            var images = new Tensor(count, channels, cropHeight, cropWidth);   // (B, C, crop, crop)
            int[]? labels = _data.Labels is null ? null : new int[count];
            var target = images.Data;
            for (int i = 0; i < count; i++)
            {
                int index = order[start + i];
                int x0 = random.NextInt(width - cropWidth + 1), y0 = random.NextInt(height - cropHeight + 1);
                bool flip = augmentation.HorizontalFlip && random.NextInt(2) == 1;
                var image = source.Data.Slice(index * perImage, perImage);
                for (int c = 0; c < channels; c++)
                {
                    for (int y = 0; y < cropHeight; y++)
                    {
                        var row = image.Slice((c * height + y0 + y) * width + x0, cropWidth);
                        var output = target.Slice(((i * channels + c) * cropHeight + y) * cropWidth, cropWidth);
                        row.CopyTo(output);
                        if (flip)
                            output.Reverse();
                    }
                }
                if (labels is not null)
                    labels[i] = _data.Labels![index];
            }
            yield return new Batch(images, labels);
        }
    }
}
