namespace Atelier.Kernels;

/// <summary>A kernel's temporary floats, borrowed from this thread's pool for the duration of a <c>using</c> block.</summary>
internal ref struct Scratch
{
    private float[]? _array;

    public Scratch(int length)
    {
        _array = StoragePool.Rent(length);
        Span = _array.AsSpan(0, length);
    }

    /// <summary>Exactly the requested length; its contents are arbitrary until written.</summary>
    public Span<float> Span { get; }

    public void Dispose()
    {
        if (_array is null) return;
        StoragePool.Return(_array);
        _array = null;
    }
}
