namespace Atelier.NN.Optim;

/// <summary>Gradient clipping as torch.nn.utils.clip_grad_norm_.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients together so that their global L2 norm is at most <paramref name="maxNorm"/>
    /// (by maxNorm / (norm + 1e-6) when it is exceeded). Returns the norm before clipping.
    /// </summary>
    public static float ClipByNorm(IEnumerable<Tensor> parameters, float maxNorm)
    {
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double sum = 0;
        foreach (var g in grads) sum += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(g.Data);
        var norm = (float)Math.Sqrt(sum);
        var scale = maxNorm / (norm + 1e-6f);
        if (scale < 1f)
            foreach (var g in grads) System.Numerics.Tensors.TensorPrimitives.Multiply(g.Data, scale, g.Data);
        return norm;
    }
}
