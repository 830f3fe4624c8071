namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// Applies <paramref name="f"/> to every element. Not differentiable: the ops use it for
    /// masks and signs, which are constants of the backward pass.
    /// </summary>
    internal Tensor Map(Func<float, float> f)
    {
        var y = EmptyLike(this);
        var src = Data;
        var dst = y.Data;
        for (var i = 0; i < src.Length; i++) dst[i] = f(src[i]);
        return y;
    }
}
