namespace Atelier.NN.Layers;

public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor input) => input.Tanh();
}
