namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>log(1 + e^x), computed as max(x, 0) + log(1 + e^-|x|) so that it never overflows. Gradient: g sigmoid(x).</summary>
    public Tensor Softplus()
    {
        var y = Map(v => MathF.Max(v, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(v))));
        var x = this;
        return y.Record("softplus", [x], g => [g * x.Sigmoid()]);
    }
}
