using Atelier.Kernels;

namespace Atelier.NN.Optim;

/// <summary>
/// Adam as torch.optim.Adam (weight decay added to the gradient, L2 style):
/// m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
/// </summary>
public class Adam(IEnumerable<Tensor> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
    float eps = 1e-8f, float weightDecay = 0f) : Optimizer(parameters, learningRate)
{
    public float Beta1 { get; } = beta1;

    public float Beta2 { get; } = beta2;

    public float Eps { get; } = eps;

    public float WeightDecay { get; } = weightDecay;

    protected override void Update(int index, Span<float> p, ReadOnlySpan<float> grad)
    {
        var m = State(index, "exp_avg", out _);
        var v = State(index, "exp_avg_sq", out _);
        var l2 = DecoupledWeightDecay ? 0f : WeightDecay;
        if (DecoupledWeightDecay && WeightDecay != 0f)
            System.Numerics.Tensors.TensorPrimitives.Multiply(p, 1f - LearningRate * WeightDecay, p);
        var t = StepCount;
        var stepSize = (float)(LearningRate / (1 - Math.Pow(Beta1, t)));
        var correction2 = (float)Math.Sqrt(1 - Math.Pow(Beta2, t));
        UpdateInPieces(p, grad, m, v, Beta1, Beta2, l2, stepSize, correction2, Eps);
    }

    // The update is limited by memory bandwidth, which two cores share better than one.
    private static unsafe void UpdateInPieces(Span<float> p, ReadOnlySpan<float> grad, Span<float> m, Span<float> v,
        float b1, float b2, float l2, float stepSize, float c2, float eps)
    {
        fixed (float* pp = p, gp = grad, mp = m, vp = v)
        {
            var (pa, ga, ma, va) = ((nint)pp, (nint)gp, (nint)mp, (nint)vp);
            Backend.ParallelPieces(p.Length, 1 << 15, (start, count) => AdamKernel.Update(
                new Span<float>((float*)pa + start, count), new ReadOnlySpan<float>((float*)ga + start, count),
                new Span<float>((float*)ma + start, count), new Span<float>((float*)va + start, count), b1, b2, l2, stepSize, c2, eps));
        }
    }

    /// <summary>AdamW shrinks the parameters directly instead of adding the decay to the gradient.</summary>
    private protected virtual bool DecoupledWeightDecay => false;
}
