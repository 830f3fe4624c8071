namespace Atelier.NN.Layers;

/// <summary>A table of learned vectors, one per class, as torch.nn.Embedding: weight (classes, dim) initialised N(0, 1).</summary>
public sealed class Embedding : Module
{
    public Embedding(int classes, int dimension, Generator generator)
    {
        if (classes <= 0 || dimension <= 0)
            throw new ArgumentOutOfRangeException(nameof(classes), $"Embedding needs a positive class count and dimension, got ({classes}, {dimension})");
        (Classes, Dimension) = (classes, dimension);
        Weight = RegisterParameter("weight", Tensor.Normal([classes, dimension], generator));
    }

    public int Classes { get; }

    public int Dimension { get; }

    public Tensor Weight { get; }

    /// <summary>The vectors of N class labels: (N, dim).</summary>
    public Tensor Forward(ReadOnlySpan<int> labels) => Tensor.Embedding(Weight, labels);

    /// <summary>The vectors of N class indices held as floats (N), e.g. a batch's label tensor: (N, dim).</summary>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 1)
            throw new ArgumentException($"Embedding({Classes}, {Dimension}) expected class indices (N), got {ShapeMath.Format(input.Dims)}");
        var values = input.Data;
        var labels = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!(v >= 0f && v < Classes && v == MathF.Floor(v)))
                throw new ArgumentException($"Embedding({Classes}, {Dimension}): input {v} at position {i} is not a class index in [0, {Classes})");
            labels[i] = (int)v;
        }
        return Forward(labels);
    }
}
