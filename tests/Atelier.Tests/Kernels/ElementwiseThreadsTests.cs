using Atelier.Kernels;

namespace Atelier.Tests.Kernels;

[Collection(BackendThreadsCollection.Name)]
public sealed class ElementwiseThreadsTests
{
    /// <summary>Long element-wise passes (shared between threads above 128K elements) and their gradients.</summary>
    private static float[][] Passes()
    {
        var random = new Generator(8);
        var (a, b) = (Tensor.Normal([3, 100_003], random), Tensor.Normal([3, 100_003], random));
        a.RequiresGrad = true;
        var leaky = a.LeakyRelu(0.2f);
        var gradient = Autograd.Grad([leaky], [a], [b])[0];
        return [(a * b).ToArray(), (a * 3f).ToArray(), leaky.ToArray(), a.Relu().ToArray(), a.Tanh().ToArray(), a.Sigmoid().ToArray(), a.Exp().ToArray(), gradient.ToArray(), a.ToArray(), b.ToArray()];
    }

    [Fact]
    public void Long_element_wise_passes_give_the_same_bits_on_any_number_of_threads_and_match_the_formulas()
    {
        var saved = Backend.Threads;
        try
        {
            Backend.Threads = 1;
            var single = Passes();
            foreach (var threads in new[] { 2, 3 })
            {
                Backend.Threads = threads;
                var shared = Passes();
                for (var i = 0; i < single.Length; i++)
                    Assert.True(single[i].AsSpan().SequenceEqual(shared[i]), $"pass {i} differs between 1 and {threads} threads");
            }
            var (a, b) = (single[^2], single[^1]);
            for (var i = 0; i < a.Length; i++)
            {
                Assert.Equal(a[i] * b[i], single[0][i]);
                Assert.Equal(a[i] > 0 ? a[i] : 0.2f * a[i], single[2][i]);
                Assert.Equal(a[i] > 0 ? b[i] : 0.2f * b[i], single[7][i]);
            }
        }
        finally
        {
            Backend.Threads = saved;
        }
    }
}
