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

    /// <summary>One optimisation step on a batch of real images in [0, 1]; returns the named losses.</summary>
    public IReadOnlyDictionary<string, float> TrainStep(Tensor images, Generator random)
    {
        CheckImages(images, Spec);
        using var scope = TensorScope.Begin();
        return TrainOnBatch(images, random);
    }

    /// <summary>The step itself, inside a <see cref="TensorScope"/> that frees its intermediate tensors afterwards.</summary>
    protected abstract IReadOnlyDictionary<string, float> TrainOnBatch(Tensor images, Generator random);

    /// <summary>Images in [0, 1] from latent vectors (N, LatentDim), in evaluation mode and without gradients.</summary>
    /// Large batches are decoded <see cref="GenerationChunk"/> latents at a time (each image depends only on
    /// its own latent), which bounds the memory of the intermediate activations.
    public Tensor Generate(Tensor latents)
    {
        using var noGrad = Autograd.NoGrad();
        var count = latents.Rank == 2 ? latents.Dim(0) : 0;
        if (count <= GenerationChunk)
        {
            using var scope = TensorScope.Begin();
            return Decode(latents).Copy();
        }
        Tensor? images = null;
        for (var start = 0; start < count; start += GenerationChunk)
        {
            using var scope = TensorScope.Begin();
            var chunk = Decode(latents.Slice(0, start, Math.Min(GenerationChunk, count - start)));
            images ??= new Tensor([count, .. chunk.Shape.Skip(1)]);
            chunk.Data.CopyTo(images.Data[(start * (chunk.Size / chunk.Dim(0)))..]);
        }
        return images!;
    }

    /// <summary>Latents decoded at once by <see cref="Generate"/>.</summary>
    public const int GenerationChunk = 64;

    /// <summary>The generation itself, inside a scope that frees its intermediate tensors once the result is copied out.</summary>
    protected abstract Tensor Decode(Tensor latents);

    /// <summary>Draws N latent vectors from the prior N(0, I).</summary>
    public Tensor SampleLatents(int count, Generator random) => Tensor.Normal([count, Spec.LatentDim], random);

    public void SetTraining(bool training)
    {
        foreach (var part in Parts) part.Network.Train(training);
    }

    /// <summary>Names of the values <see cref="TrainStep"/> reports, in order.</summary>
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
