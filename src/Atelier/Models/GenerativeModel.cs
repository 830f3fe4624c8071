using Atelier.NN;

namespace Atelier.Models;

/// <summary>
/// A trainable generative model: its networks and optimisers, one training step, and generation from
/// latent vectors. Images come in and go out as (N, C, H, W) in [0, 1]; each family rescales internally.
/// </summary>
public abstract class GenerativeModel
{
    protected GenerativeModel(ModelSpec spec) => Spec = spec;

    public ModelSpec Spec { get; }

    public abstract IReadOnlyList<NetworkPart> Parts { get; }

    /// <summary>Networks saved with the checkpoint that are not trained by an optimiser (a weight average).</summary>
    public virtual IReadOnlyList<(string Prefix, Module Network)> AuxiliaryState => [];

    /// <summary>Number of classes a conditional model generates (0 for an unconditional one).</summary>
    public virtual int Classes => 0;

    /// <summary>One optimisation step on a batch of real images in [0, 1]; returns the named losses.</summary>
    public IReadOnlyDictionary<string, float> TrainStep(Tensor images, Generator random) => TrainStep(images, null, random);

    /// <summary>One optimisation step on real images in [0, 1] and their class labels (required by conditional models, else ignored).</summary>
    public IReadOnlyDictionary<string, float> TrainStep(Tensor images, int[]? labels, Generator random)
    {
        CheckImages(images, Spec);
        if (Classes > 0) ConditionalLabels.Require(labels, images.Dim(0), Classes);
        using var scope = TensorScope.Begin();
        return TrainOnBatch(images, Classes > 0 ? labels : null, random);
    }

    /// <summary>The step itself, inside a <see cref="TensorScope"/> that frees its intermediate tensors afterwards.</summary>
    protected abstract IReadOnlyDictionary<string, float> TrainOnBatch(Tensor images, int[]? labels, Generator random);

    /// <summary>
    /// Images in [0, 1] from latent vectors (N, LatentDim), in evaluation mode and without gradients. A conditional
    /// model draws image i of class labels[i]; without labels it cycles through its classes (0, 1, .., 0, 1, ..).
    /// </summary>
    /// Large batches are decoded <see cref="GenerationChunk"/> latents at a time (each image depends only on
    /// its own latent), which bounds the memory of the intermediate activations.
    public Tensor Generate(Tensor latents, int[]? labels = null)
    {
        using var noGrad = Autograd.NoGrad();
        var count = latents.Rank == 2 ? latents.Dim(0) : 0;
        if (latents.Rank != 2 || latents.Dim(1) != Spec.LatentDim)
            throw new ArgumentException($"{Spec.Name} generates from latents (N, {Spec.LatentDim}), got {ShapeMath.Format(latents.Dims)}");
        labels = Classes == 0 ? null : labels is null ? ConditionalLabels.Cycle(count, Classes) : ConditionalLabels.Require(labels, count, Classes);
        if (count <= GenerationChunk)
        {
            using var scope = TensorScope.Begin();
            return Decode(latents, labels).Copy();
        }
        Tensor? images = null;
        for (var start = 0; start < count; start += GenerationChunk)
        {
            using var scope = TensorScope.Begin();
            var size = Math.Min(GenerationChunk, count - start);
            var chunk = Decode(latents.Slice(0, start, size), labels?[start..(start + size)]);
            images ??= new Tensor([count, .. chunk.Shape.Skip(1)]);
            chunk.Data.CopyTo(images.Data[(start * (chunk.Size / chunk.Dim(0)))..]);
        }
        return images!;
    }

    /// <summary>
    /// Images in [0, 1] from latents (N, LatentDim) as <see cref="Generate"/> makes them, but with gradients reaching the
    /// latents, for finding the latent of a given image. Inside <see cref="FreezeWeights"/> no weight gradient is computed.
    /// </summary>
    public Tensor Render(Tensor latents, int[]? labels = null)
    {
        if (latents.Rank != 2 || latents.Dim(1) != Spec.LatentDim)
            throw new ArgumentException($"{Spec.Name} generates from latents (N, {Spec.LatentDim}), got {ShapeMath.Format(latents.Dims)}");
        labels = Classes == 0 ? null : labels is null ? ConditionalLabels.Cycle(latents.Dim(0), Classes) : ConditionalLabels.Require(labels, latents.Dim(0), Classes);
        return Decode(latents, labels);
    }

    /// <summary>Stops every trained weight from requiring gradients until disposed (the model is used, not trained).</summary>
    public IDisposable FreezeWeights() => new FrozenParameters([.. Parts.SelectMany(p => p.Optimizer.Parameters)]);

    /// <summary>Latents decoded at once by <see cref="Generate"/>.</summary>
    public const int GenerationChunk = 64;

    /// <summary>The generation itself, inside a scope that frees its intermediate tensors once the result is copied out.</summary>
    protected abstract Tensor Decode(Tensor latents, int[]? labels);

    /// <summary>Draws N latent vectors from the prior N(0, I).</summary>
    public Tensor SampleLatents(int count, Generator random) => Tensor.Normal([count, Spec.LatentDim], random);

    /// <summary>
    /// Draws N latent vectors from N(0, I) truncated to |z_i| &lt;= <paramref name="truncation"/> (each component
    /// beyond it is drawn again): the truncation trick, trading variety for typical, cleaner samples.
    /// </summary>
    public Tensor SampleLatents(int count, Generator random, float truncation) =>
        Tensor.FromArray(Creation.Latents.Truncated(count * Spec.LatentDim, truncation, random), count, Spec.LatentDim);

    public void SetTraining(bool training)
    {
        foreach (var part in Parts) part.Network.Train(training);
    }

    /// <summary>Names of the values <c>TrainStep</c> reports, in order.</summary>
    public abstract IReadOnlyList<string> LossNames { get; }

    protected static void Step(NetworkPart part, Tensor loss)
    {
        part.Optimizer.ZeroGrad();
        loss.Backward();
        part.Optimizer.Step();
    }

    /// <summary>Stops the parameters <paramref name="part"/> trains from requiring gradients until disposed.</summary>
    protected static IDisposable Freeze(NetworkPart part) => new FrozenParameters(part.Optimizer.Parameters);

    private sealed class FrozenParameters : IDisposable
    {
        private readonly IReadOnlyList<Tensor> _parameters;

        public FrozenParameters(IReadOnlyList<Tensor> parameters)
        {
            _parameters = parameters;
            foreach (var p in parameters) p.RequiresGrad = false;
        }

        public void Dispose()
        {
            foreach (var p in _parameters) p.RequiresGrad = true;
        }
    }

    private static void CheckImages(Tensor images, ModelSpec spec)
    {
        if (images.Rank != 4 || images.Dim(1) != spec.Channels || images.Dim(2) != spec.ImageSize || images.Dim(3) != spec.ImageSize)
            throw new ArgumentException($"{spec.Name} trains on ({spec.Channels}, {spec.ImageSize}, {spec.ImageSize}) images, got a batch of shape {ShapeMath.Format(images.Dims)}");
    }
}
