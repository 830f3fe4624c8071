using Atelier.NN.Layers;
using Atelier.NN.Optim;
using BenchmarkDotNet.Attributes;

namespace Atelier.Benchmarks;

/// <summary>One Adam step over the parameters of seed-gan's discriminator (1,492,993 floats in 10 tensors).</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class AdamBenchmarks
{
    private Adam _optimizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Generator(1);
        int[] widths = [784, 1024, 512, 256, 128, 1];
        var parameters = widths.Zip(widths.Skip(1), (inputs, outputs) => new Linear(inputs, outputs, random))
            .SelectMany(layer => layer.Parameters())
            .ToList();
        foreach (var parameter in parameters)
            parameter.Grad = Tensor.Normal([.. parameter.Shape], random, std: 1e-3f);
        _optimizer = new Adam(parameters, learningRate: 1e-4f, beta1: 0.9f, beta2: 0.999f);
    }

    [Benchmark]
    public void Step() => _optimizer.Step();
}
