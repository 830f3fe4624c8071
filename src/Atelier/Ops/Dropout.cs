namespace Atelier;

public sealed partial class Tensor
{
    /// <summary>
    /// Zeroes each element with probability p and scales the rest by 1/(1-p) (inverted dropout), with
    /// the mask drawn from <paramref name="generator"/>. Gradient: g times the same mask.
    /// </summary>
    public Tensor Dropout(float p, Generator generator)
    {
        if (p is < 0f or >= 1f) throw new ArgumentOutOfRangeException(nameof(p), $"dropout probability must be in [0, 1), got {p}");
        if (p == 0f) return this;
        var mask = EmptyLike(this);
        var keep = 1f / (1f - p);
        var m = mask.Data;
        for (var i = 0; i < m.Length; i++) m[i] = generator.NextFloat() >= p ? keep : 0f;
        return this * mask;
    }
}
