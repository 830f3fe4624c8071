using System.Numerics.Tensors;

namespace Atelier.NN.Layers;

/// <summary>
/// Spectral normalisation of a Linear or Conv2d layer, as torch.nn.utils.spectral_norm: the layer uses W / sigma(W),
/// sigma being W's largest singular value with W viewed as (out, in * k * k), estimated by power iteration. In
/// training mode each Forward first runs one iteration v = normalise(W^T u), u = normalise(W v) (no gradient) and
/// keeps u and v; in evaluation mode the stored ones are used. sigma = u . (W v) carries gradient through W only.
/// State names are PyTorch's: weight_orig and bias (parameters), weight_u (out) and weight_v (in * k * k) (buffers).
/// </summary>
public sealed class SpectralNorm : Module
{
    private const float Eps = 1e-12f;

    private readonly Tensor _weight;
    private readonly Tensor? _bias;
    private readonly Tensor _u;
    private readonly Tensor _v;
    private readonly int _rows;
    private readonly int _columns;
    private readonly Func<Tensor, Tensor, Tensor?, Tensor> _apply;

    /// <summary>Wraps <paramref name="layer"/>, sharing its weight and bias; u and v start as normalised N(0, 1) draws.</summary>
    public SpectralNorm(Linear layer, Generator generator)
        : this(NotNull(layer).Weight, layer.Bias, generator, static (x, w, b) => Tensor.Linear(x, w, b))
    {
    }

    /// <summary>Wraps <paramref name="layer"/>, keeping its stride and padding; u and v start as normalised N(0, 1) draws.</summary>
    public SpectralNorm(Conv2d layer, Generator generator)
        : this(NotNull(layer).Weight, layer.Bias, generator, (x, w, b) => Tensor.Conv2d(x, w, b, layer.Stride, layer.Padding))
    {
    }

    private SpectralNorm(Tensor weight, Tensor? bias, Generator generator, Func<Tensor, Tensor, Tensor?, Tensor> apply)
    {
        ArgumentNullException.ThrowIfNull(generator);
        _apply = apply;
        _rows = weight.Dims[0];
        _columns = weight.Size / _rows;
        // PyTorch deletes "weight" and registers "weight_orig", which therefore comes after the bias.
        if (bias is not null) _bias = RegisterParameter("bias", bias);
        _weight = RegisterParameter("weight_orig", weight);
        _u = RegisterBuffer("weight_u", Tensor.Normal([_rows], generator)); // (out)
        _v = RegisterBuffer("weight_v", Tensor.Normal([_columns], generator)); // (in * k * k)
        Normalise(_u.Data);
        Normalise(_v.Data);
    }

    public override Tensor Forward(Tensor input)
    {
        if (Training) PowerIteration();
        return _apply(input, NormalisedWeight(), _bias);
    }

    /// <summary>W / sigma with sigma = u . (W v) for the current u and v, differentiable in W.</summary>
    public Tensor NormalisedWeight()
    {
        // Copies: a later training Forward updates the buffers in place while this graph may still be waiting for Backward.
        var u = _u.ScopedCopy().Reshape(_rows, 1); // (out, 1)
        var v = _v.ScopedCopy().Reshape(_columns, 1); // (in * k * k, 1)
        var wv = Tensor.MatMul(_weight.Reshape(_rows, _columns), v); // (out, 1)
        var sigma = (wv * u).Sum(); // []
        return _weight / sigma; // (out, in, k, k) or (out, in)
    }

    private void PowerIteration()
    {
        var w = _weight.Data;
        var u = _u.Data;
        var v = _v.Data;
        // v = normalise(W^T u), accumulated row by row of W.
        v.Clear();
        for (var i = 0; i < _rows; i++) TensorPrimitives.MultiplyAdd(w.Slice(i * _columns, _columns), u[i], v, v);
        Normalise(v);
        // u = normalise(W v)
        for (var i = 0; i < _rows; i++) u[i] = TensorPrimitives.Dot(w.Slice(i * _columns, _columns), v);
        Normalise(u);
    }

    /// <summary>x / max(||x||, eps), as torch.nn.functional.normalize.</summary>
    private static void Normalise(Span<float> x)
    {
        var norm = MathF.Max(TensorPrimitives.Norm(x), Eps);
        TensorPrimitives.Divide(x, norm, x);
    }

    private static T NotNull<T>(T layer) where T : Module => layer ?? throw new ArgumentNullException(nameof(layer));
}
