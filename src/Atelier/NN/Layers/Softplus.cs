namespace Atelier.NN.Layers;

public sealed class Softplus : Module
{
    public override Tensor Forward(Tensor input) => input.Softplus();
}
