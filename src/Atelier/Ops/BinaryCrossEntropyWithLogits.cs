using Atelier.Kernels;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// Element-wise binary cross-entropy of sigmoid(logits) against targets in [0, 1]:
    /// max(x, 0) - x t + log(1 + e^-|x|), stable for any x. Gradients: g (sigmoid(x) - t) and -g x.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets)
    {
        if (!ShapeMath.SameShape(logits.Dims, targets.Dims))
            throw new ArgumentException($"binary cross-entropy: logits {ShapeMath.Format(logits.Dims)} and targets {ShapeMath.Format(targets.Dims)} must have the same shape");
        var y = EmptyLike(logits);
        VectorMath.BinaryCrossEntropyWithLogits(logits.Data, targets.Data, y.Data);
        return y.Record("bce-with-logits", [logits, targets], g => [
            logits.RequiresGrad ? g * (logits.Sigmoid() - targets) : null,
            targets.RequiresGrad ? -(g * logits) : null]);
    }
}
