namespace Atelier.NN.Optim;

/// <summary>AdamW as torch.optim.AdamW: p *= 1 - lr wd, then the Adam update without weight decay in the gradient.</summary>
public sealed class AdamW(IEnumerable<Tensor> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
    float eps = 1e-8f, float weightDecay = 1e-2f) : Adam(parameters, learningRate, beta1, beta2, eps, weightDecay)
{
    private protected override bool DecoupledWeightDecay => true;
}
