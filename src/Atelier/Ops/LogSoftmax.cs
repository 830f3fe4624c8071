using System.Numerics.Tensors;

namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>x - log(sum(exp(x))) over the last axis. Gradient: g - softmax(x) * sum(g).</summary>
    public Tensor LogSoftmax()
    {
        if (Rank == 0) throw new ArgumentException("log_softmax needs at least one axis");
        var n = Dims[^1];
        var y = EmptyLike(this);
        var src = Data;
        var dst = y.Data;
        for (var row = 0; row < Size / Math.Max(1, n); row++)
        {
            var x = src.Slice(row * n, n);
            var max = TensorPrimitives.Max(x);
            var o = dst.Slice(row * n, n);
            TensorPrimitives.Subtract(x, max, o);
            double sum = 0;
            foreach (var v in o) sum += Math.Exp(v);
            TensorPrimitives.Subtract(o, (float)Math.Log(sum), o);
        }
        return y.Record("log-softmax", [this], g => [g - y.Exp() * g.Sum(-1, keepDim: true)]);
    }

    /// <summary>exp(x) / sum(exp(x)) over the last axis. Gradient: y (g - sum(g y)).</summary>
    public Tensor Softmax()
    {
        Tensor y;
        using (Autograd.NoGrad()) y = LogSoftmax().Exp();
        return y.Record("softmax", [this], g => [y * (g - (g * y).Sum(-1, keepDim: true))]);
    }
}
