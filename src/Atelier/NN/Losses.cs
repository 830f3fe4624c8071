namespace Atelier.NN;

/// <summary>The loss functions, with PyTorch's definitions and reductions.</summary>
public static class Losses
{
    /// <summary>-[t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))], computed stably from logits.</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Reduction reduction = Reduction.Mean) =>
        Reduce(Tensor.BinaryCrossEntropyWithLogits(logits, targets), reduction);

    /// <summary>(x - t)^2.</summary>
    public static Tensor MeanSquaredError(Tensor x, Tensor targets, Reduction reduction = Reduction.Mean)
    {
        if (!ShapeMath.SameShape(x.Dims, targets.Dims))
            throw new ArgumentException($"mean squared error: input {ShapeMath.Format(x.Dims)} and target {ShapeMath.Format(targets.Dims)} must have the same shape");
        var d = x - targets;
        return Reduce(d * d, reduction);
    }

    /// <summary>-log softmax(logits)[label] for logits (N, classes) and N class indices.</summary>
    public static Tensor CrossEntropy(Tensor logits, ReadOnlySpan<int> labels, Reduction reduction = Reduction.Mean)
    {
        if (logits.Rank != 2 || logits.Dim(0) != labels.Length)
            throw new ArgumentException($"cross-entropy: expected logits (N, classes) for {labels.Length} labels, got {ShapeMath.Format(logits.Dims)}");
        var classes = logits.Dim(1);
        var oneHot = new Tensor(logits.Dims);
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentException($"cross-entropy: label {labels[i]} at position {i} is outside [0, {classes})");
            oneHot.Data[i * classes + labels[i]] = 1f;
        }
        var perSample = -(logits.LogSoftmax() * oneHot).Sum(1);
        return Reduce(perSample, reduction);
    }

    /// <summary>
    /// KL(N(mu, exp(logvar)) || N(0, I)) = -0.5 * sum(1 + logvar - mu^2 - exp(logvar)), summed over
    /// every element (divide by the batch size for nats per sample).
    /// </summary>
    public static Tensor GaussianKlDivergence(Tensor mu, Tensor logVar)
    {
        if (!ShapeMath.SameShape(mu.Dims, logVar.Dims))
            throw new ArgumentException($"KL divergence: mu {ShapeMath.Format(mu.Dims)} and logvar {ShapeMath.Format(logVar.Dims)} must have the same shape");
        return ((1f + logVar - mu * mu - logVar.Exp()).Sum()) * -0.5f;
    }

    private static Tensor Reduce(Tensor values, Reduction reduction) => reduction switch
    {
        Reduction.Mean => values.Mean(),
        Reduction.Sum => values.Sum(),
        _ => values,
    };
}
