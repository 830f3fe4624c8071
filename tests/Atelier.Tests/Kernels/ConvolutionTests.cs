using Atelier.Kernels;

namespace Atelier.Tests.Kernels;

[Collection(BackendThreadsCollection.Name)]
public sealed class ConvolutionTests
{
    private static float[][] ForwardAndGradients(int n, int c, int size, int o, int stride, int padding)
    {
        var random = new Generator(5);
        var x = Tensor.Normal([n, c, size, size], random);
        var w = Tensor.Normal([o, c, 4, 4], random);
        x.RequiresGrad = true;
        w.RequiresGrad = true;
        var y = Tensor.Conv2d(x, w, stride: stride, padding: padding);
        var grads = Autograd.Grad([y], [x, w], [Tensor.Normal(y.Shape.ToArray(), random)]);
        return [y.ToArray(), grads[0].ToArray(), grads[1].ToArray()];
    }

    [Theory]
    [InlineData(64, 64, 14, 128, 2, 1)] // dcgan's second discriminator layer: many groups
    [InlineData(3, 8, 9, 5, 1, 1)]      // one group
    [InlineData(37, 1, 28, 32, 2, 1)]   // conv-vae's first layer, a ragged last group
    public void Results_are_identical_bit_for_bit_whatever_the_thread_count(int n, int c, int size, int o, int stride, int padding)
    {
        var saved = Backend.Threads;
        try
        {
            Backend.Threads = 1;
            var single = ForwardAndGradients(n, c, size, o, stride, padding);
            Backend.Threads = 2;
            var two = ForwardAndGradients(n, c, size, o, stride, padding);
            Backend.Threads = 3;
            var three = ForwardAndGradients(n, c, size, o, stride, padding);
            for (var i = 0; i < single.Length; i++)
            {
                Assert.True(single[i].AsSpan().SequenceEqual(two[i]), $"result {i} differs between 1 and 2 threads");
                Assert.True(single[i].AsSpan().SequenceEqual(three[i]), $"result {i} differs between 1 and 3 threads");
            }
        }
        finally
        {
            Backend.Threads = saved;
        }
    }
}
