namespace Atelier.NN.Optim;

/// <summary>RMSprop as torch.optim.RMSprop: s = alpha s + (1 - alpha) g^2; p -= lr g / (sqrt(s) + eps).</summary>
public sealed class RmsProp(IEnumerable<Tensor> parameters, float learningRate = 1e-2f, float alpha = 0.99f, float eps = 1e-8f,
    float weightDecay = 0f) : Optimizer(parameters, learningRate)
{
    protected override void Update(int index, Span<float> p, ReadOnlySpan<float> grad)
    {
        var square = State(index, "square_avg", out _);
        for (var i = 0; i < p.Length; i++)
        {
            var g = grad[i] + weightDecay * p[i];
            square[i] = alpha * square[i] + (1 - alpha) * g * g;
            p[i] -= LearningRate * g / (MathF.Sqrt(square[i]) + eps);
        }
    }
}
