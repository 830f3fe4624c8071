using Atelier.Data;
using Atelier.NN;
using Atelier.NN.Layers;
using Atelier.NN.Optim;

namespace Atelier.Tests.Training;

/// <summary>A small CNN trained on the bundled digits (9,000 train / 1,000 held out) with a fixed seed.</summary>
public sealed class MnistCnnTests
{
    [Fact]
    public void A_small_cnn_reaches_97_percent_on_held_out_digits()
    {
        var generator = new Generator(2024);
        var net = new Sequential(
            new Conv2d(1, 16, 4, generator, stride: 2, padding: 1), new ReLU(),   // (N, 16, 14, 14)
            new Conv2d(16, 32, 4, generator, stride: 2, padding: 1), new ReLU(),  // (N, 32, 7, 7)
            new Flatten(), new Linear(32 * 7 * 7, 10, generator));
        var train = Mnist.Train;
        var optimizer = new Adam(net.Parameters(), 4e-3f);
        var order = Enumerable.Range(0, train.Count).ToArray();
        const int batch = 64;
        const int epochs = 6;
        var schedule = new CosineDecay(4e-3f, TotalSteps: epochs * (train.Count / batch));
        var step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            generator.Shuffle(order.AsSpan());
            for (var start = 0; start + batch <= order.Length; start += batch)
            {
                var (x, labels) = Gather(train, order.AsSpan(start, batch));
                optimizer.LearningRate = schedule.At(step++);
                optimizer.ZeroGrad();
                Losses.CrossEntropy(net.Forward(x), labels).Backward();
                optimizer.Step();
            }
        }
        var accuracy = Accuracy(net, Mnist.HeldOut);
        Assert.True(accuracy >= 0.97, $"held-out accuracy {accuracy:P1}");
    }

    private static (Tensor Images, int[] Labels) Gather(LabelledImages data, ReadOnlySpan<int> indices)
    {
        const int pixels = 28 * 28;
        var x = new Tensor(indices.Length, 1, 28, 28);
        var labels = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            data.Images.Data.Slice(indices[i] * pixels, pixels).CopyTo(x.Data.Slice(i * pixels, pixels));
            labels[i] = data.Labels![indices[i]];
        }
        return (x, labels);
    }

    private static double Accuracy(Module net, LabelledImages data)
    {
        net.Eval();
        using var noGrad = Autograd.NoGrad();
        var logits = net.Forward(data.Images).ToArray();
        var correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var row = logits.AsSpan(i * 10, 10);
            var predicted = row.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(row));
            if (predicted == data.Labels![i]) correct++;
        }
        return correct / (double)data.Count;
    }
}
