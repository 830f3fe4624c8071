namespace Atelier.NN.Layers;

/// <summary>y = x W^T + b. Weight (out, in), bias (out), initialised as in PyTorch.</summary>
public sealed class Linear : Module
{
    public Linear(int inFeatures, int outFeatures, Generator generator, bool bias = true)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear needs positive sizes, got ({inFeatures}, {outFeatures})");
        (InFeatures, OutFeatures) = (inFeatures, outFeatures);
        Weight = RegisterParameter("weight", Init.DefaultUniform([outFeatures, inFeatures], inFeatures, generator));
        if (bias) Bias = RegisterParameter("bias", Init.DefaultUniform([outFeatures], inFeatures, generator));
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Tensor.Linear(input, Weight, Bias);
}
