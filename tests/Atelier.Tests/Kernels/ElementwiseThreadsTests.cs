using Atelier.Kernels;

namespace Atelier.Tests.Kernels;

[Collection(BackendThreadsCollection.Name)]
public sealed class ElementwiseThreadsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Large_element_wise_ops_shared_between_threads_match_the_scalar_formula(int threads)
    {
        var saved = Backend.Threads;
        try
        {
            Backend.Threads = threads;
            var random = new Generator(8);
            var (a, b) = (Tensor.Normal([3, 100_003], random), Tensor.Normal([3, 100_003], random));
            var product = (a * b).ToArray();
            var shifted = (a - 0.5f).ToArray();
            var (av, bv) = (a.ToArray(), b.ToArray());
            for (var i = 0; i < av.Length; i++)
            {
                Assert.Equal(av[i] * bv[i], product[i]);
                Assert.Equal(av[i] - 0.5f, shifted[i]);
            }
        }
        finally
        {
            Backend.Threads = saved;
        }
    }
}
