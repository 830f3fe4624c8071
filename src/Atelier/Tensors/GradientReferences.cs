namespace Atelier;

/// <summary>
/// How many pending gradients of a backward pass use each storage (a gradient may be handed to several
/// inputs, or passed on as a view). When the count drops to zero, storage borrowed from the current scope
/// is returned to the pool straight away.
/// </summary>
internal sealed class GradientReferences
{
    private readonly Dictionary<Tensor, int> _counts = new(ReferenceEqualityComparer.Instance);

    public void Hold(Tensor gradient)
    {
        var owner = gradient.Owner;
        _counts[owner] = _counts.GetValueOrDefault(owner) + 1;
    }

    public void Drop(Tensor gradient)
    {
        var owner = gradient.Owner;
        var count = _counts.GetValueOrDefault(owner) - 1;
        _counts[owner] = count;
        if (count <= 0) owner.ReleaseIfScoped();
    }

    /// <summary>Releases a gradient that was consumed without being held (summed into another).</summary>
    public void ReleaseIfUnheld(Tensor gradient)
    {
        if (_counts.GetValueOrDefault(gradient.Owner) <= 0) gradient.Owner.ReleaseIfScoped();
    }

    public void Clear() => _counts.Clear();
}
