using BenchmarkDotNet.Attributes;

namespace Atelier.Benchmarks;

/// <summary>
/// The three passes of the workloads' convolutions, each on its own: the forward without recording, and
/// the gradient with respect to the input only and to the weight only, from a graph recorded once.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class ConvolutionBenchmarks
{
    private Tensor _input = null!;
    private Tensor _weight = null!;
    private Tensor _outputGradient = null!;
    // In each graph only one operand requires gradients, so a backward runs exactly one of the two kernels.
    private Tensor _inputLeaf = null!;
    private Tensor _outputOfInputLeaf = null!;
    private Tensor _weightLeaf = null!;
    private Tensor _outputOfWeightLeaf = null!;

    public static IEnumerable<ConvolutionCase> Cases() =>
    [
        new("dcgan D.2 Conv2d(64,128)", Transposed: false, InChannels: 64, OutChannels: 128, Batch: 64, Size: 14),
        new("dcgan G.up1 ConvTranspose2d(128,64)", Transposed: true, InChannels: 128, OutChannels: 64, Batch: 64, Size: 7),
        new("conv-vae c1 Conv2d(1,32)", Transposed: false, InChannels: 1, OutChannels: 32, Batch: 128, Size: 28),
    ];

    [ParamsSource(nameof(Cases))]
    public ConvolutionCase Case { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Generator(1);
        _input = Tensor.Normal(Case.InputShape, random);                 // (N, C, H, W)
        _weight = Tensor.Normal(Case.WeightShape, random, std: 0.05f);

        _inputLeaf = Tensor.Normal(Case.InputShape, random);
        _inputLeaf.RequiresGrad = true;
        _outputOfInputLeaf = Case.Apply(_inputLeaf, _weight);

        _weightLeaf = Tensor.Normal(Case.WeightShape, random, std: 0.05f);
        _weightLeaf.RequiresGrad = true;
        _outputOfWeightLeaf = Case.Apply(_input, _weightLeaf);

        _outputGradient = Tensor.Normal([.. _outputOfInputLeaf.Shape], random);
    }

    [Benchmark]
    public Tensor Forward()
    {
        using (Autograd.NoGrad())
            return Case.Apply(_input, _weight);
    }

    [Benchmark]
    public Tensor InputGradient() => Autograd.Grad([_outputOfInputLeaf], [_inputLeaf], [_outputGradient])[0];

    [Benchmark]
    public Tensor WeightGradient() => Autograd.Grad([_outputOfWeightLeaf], [_weightLeaf], [_outputGradient])[0];
}
