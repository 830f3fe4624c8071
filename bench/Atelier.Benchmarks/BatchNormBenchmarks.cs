using Atelier.NN.Layers;
using BenchmarkDotNet.Attributes;

namespace Atelier.Benchmarks;

/// <summary>dcgan G.bn1, BatchNorm2d(64) in training mode on (64, 64, 14, 14): the forward alone, and forward plus backward.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class BatchNormBenchmarks
{
    private readonly BatchNorm2d _layer = new(64);
    private Tensor _input = null!;
    private Tensor _outputGradient = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Generator(1);
        _input = Tensor.Normal([64, 64, 14, 14], random);    // (N, C, H, W)
        _input.RequiresGrad = true;
        _outputGradient = Tensor.Normal([64, 64, 14, 14], random);
    }

    [Benchmark]
    public Tensor TrainingForward() => _layer.Forward(_input);

    [Benchmark]
    public Tensor[] TrainingForwardBackward() =>
        Autograd.Grad([_layer.Forward(_input)], [_input, _layer.Weight!, _layer.Bias!], [_outputGradient]);
}
