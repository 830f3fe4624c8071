namespace Atelier;

/// <summary>
/// The memory of one unit of work, such as a training step: tensors computed inside it borrow pooled
/// storage, which returns to the pool when the scope is disposed, so steady-state training allocates
/// (almost) nothing. Tensors created with <c>new Tensor(...)</c> or <see cref="Tensor.Copy"/> are ordinary
/// memory and outlive the scope; a leaf's gradient lives until the optimiser's ZeroGrad. Reading a tensor
/// of an ended scope throws. Scopes nest and belong to the thread that began them.
/// </summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic] private static TensorScope? t_current;
    [ThreadStatic] private static List<Tensor>? t_spareList;

    private readonly TensorScope? _outer;
    private List<Tensor>? _tracked;

    private TensorScope()
    {
        _outer = t_current;
        _tracked = t_spareList ?? [];
        t_spareList = null;
        t_current = this;
    }

    /// <summary>Starts a scope on this thread: <c>using (TensorScope.Begin()) { ... }</c>.</summary>
    public static TensorScope Begin() => new();

    internal static TensorScope? Current => t_current;

    /// <summary>
    /// Lets go of the memory pooled for past steps on every thread, so that the garbage collector can reclaim
    /// it: for when one model is done and another begins.
    /// </summary>
    public static void ReleasePooledMemory() => StoragePool.ReleaseAll();

    internal void Track(Tensor tensor) => _tracked!.Add(tensor);

    public void Dispose()
    {
        if (_tracked is null) return;
        if (t_current != this)
            throw new InvalidOperationException("tensor scopes must end in the reverse order they began, on the thread that began them");
        t_current = _outer;
        foreach (var tensor in _tracked) tensor.ReleaseIfScoped();
        _tracked.Clear();
        t_spareList = _tracked;
        _tracked = null;
    }
}
