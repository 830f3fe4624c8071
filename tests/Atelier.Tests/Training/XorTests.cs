using Atelier.NN;
using Atelier.NN.Layers;
using Atelier.NN.Optim;

namespace Atelier.Tests.Training;

public sealed class XorTests
{
    [Fact]
    public void A_linear_relu_network_learns_xor()
    {
        var generator = new Generator(3);
        var net = new Sequential(new Linear(2, 8, generator), new ReLU(), new Linear(8, 1, generator));
        var x = Tensor.FromArray([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2);
        var y = Tensor.FromArray([0f, 1f, 1f, 0f], 4, 1);
        var optimizer = new Adam(net.Parameters(), 0.05f);
        for (var step = 0; step < 500; step++)
        {
            optimizer.ZeroGrad();
            Losses.BinaryCrossEntropyWithLogits(net.Forward(x), y).Backward();
            optimizer.Step();
        }
        var predictions = net.Forward(x).Sigmoid().ToArray();
        Assert.True(predictions[0] < 0.1f && predictions[1] > 0.9f && predictions[2] > 0.9f && predictions[3] < 0.1f,
            $"predictions {string.Join(", ", predictions)}");
    }
}
