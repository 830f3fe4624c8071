namespace Atelier.NN.Optim;

/// <summary>
/// Stochastic gradient descent as torch.optim.SGD: g += wd p; buf = momentum buf + (1 - dampening) g
/// (buf = g on the first step); g = g + momentum buf with Nesterov, else buf; p -= lr g.
/// </summary>
public sealed class Sgd(IEnumerable<Tensor> parameters, float learningRate, float momentum = 0f, float dampening = 0f,
    float weightDecay = 0f, bool nesterov = false) : Optimizer(parameters, learningRate)
{
    protected override void Update(int index, Span<float> p, ReadOnlySpan<float> grad)
    {
        var first = false;
        var buffer = momentum != 0f ? State(index, "momentum_buffer", out first) : default;
        for (var i = 0; i < p.Length; i++)
        {
            var g = grad[i] + weightDecay * p[i];
            if (momentum != 0f)
            {
                buffer[i] = first ? g : momentum * buffer[i] + (1f - dampening) * g;
                g = nesterov ? g + momentum * buffer[i] : buffer[i];
            }
            p[i] -= LearningRate * g;
        }
    }
}
