namespace Atelier;

/// <summary>
/// An n-dimensional, row-major, contiguous float32 array that records the operations applied to it
/// (when any input <see cref="RequiresGrad"/>) so that <see cref="Backward"/> can compute gradients.
/// Reshaping and <see cref="Detach"/> are views that share storage; every other op allocates its result.
/// Results computed inside a <see cref="TensorScope"/> borrow pooled storage that returns when the scope ends.
/// </summary>
public sealed partial class Tensor
{
    private readonly int[] _shape;
    private bool _requiresGrad;

    internal readonly float[] Storage;
    internal readonly int Offset;

    /// <summary>The tensor that owns <see cref="Storage"/> when this one is a view; null for an owner.</summary>
    private readonly Tensor? _base;
    private StorageLifetime _lifetime;

    internal Tensor(float[] storage, int offset, int[] shape)
    {
        _shape = shape;
        Size = ShapeMath.Product(shape);
        if (offset < 0 || offset + Size > storage.Length)
            throw new ArgumentException($"storage of {storage.Length} floats cannot hold shape {ShapeMath.Format(shape)} at offset {offset}");
        Storage = storage;
        Offset = offset;
    }

    /// <summary>A view of <paramref name="source"/>'s storage with another shape.</summary>
    private Tensor(Tensor source, int[] shape) : this(source.Storage, source.Offset, shape) =>
        _base = source._base ?? source;

    /// <summary>A zero-filled tensor of the given shape, in ordinary memory even inside a <see cref="TensorScope"/>.</summary>
    public Tensor(params int[] shape) : this(new float[ShapeMath.Product(ShapeMath.Validate(shape))], 0, (int[])shape.Clone())
    {
    }

    /// <summary>Number of elements.</summary>
    public int Size { get; }

    public IReadOnlyList<int> Shape => _shape;

    public int Rank => _shape.Length;

    /// <summary>The shape array itself, for engine code that must not allocate. Never mutate it.</summary>
    internal int[] Dims => _shape;

    /// <summary>The elements in row-major order. Writing to it bypasses autograd.</summary>
    public Span<float> Data
    {
        get
        {
            ThrowIfReleased();
            return Storage.AsSpan(Offset, Size);
        }
    }

    /// <summary>The accumulated gradient of a leaf after <see cref="Backward"/>; null until then.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The operation that produced this tensor, or null for a leaf.</summary>
    internal GradNode? GradFn { get; private set; }

    public bool IsLeaf => GradFn is null;

    /// <summary>Whether gradients flow to this tensor. Settable on leaves only, like PyTorch.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad || GradFn is not null;
        set
        {
            if (GradFn is not null)
                throw new InvalidOperationException($"RequiresGrad can only be set on a leaf tensor; this {ShapeMath.Format(_shape)} tensor was produced by '{GradFn.Name}'. Use Detach() first.");
            _requiresGrad = value;
        }
    }

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => _shape[ShapeMath.NormalizeAxis(axis, Rank)];

    /// <summary>A tensor whose storage is not cleared: only for results that are about to be fully overwritten.</summary>
    internal static Tensor Empty(params int[] shape) => Allocate((int[])ShapeMath.Validate(shape).Clone(), clear: false);

    /// <summary>An uninitialised tensor of <paramref name="other"/>'s shape (sharing its immutable shape array).</summary>
    internal static Tensor EmptyLike(Tensor other) => Allocate(other._shape, clear: false);

    /// <summary>A zero-filled tensor of the given shape.</summary>
    public static Tensor Zeros(params int[] shape) => Allocate((int[])ShapeMath.Validate(shape).Clone(), clear: true);

    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    public static Tensor Full(float value, params int[] shape)
    {
        var t = Empty(shape);
        t.Data.Fill(value);
        return t;
    }

    /// <summary>A new owner tensor: pooled storage inside a <see cref="TensorScope"/>, ordinary memory outside one.</summary>
    /// <param name="dims">A validated shape array that nothing will ever mutate.</param>
    private static Tensor Allocate(int[] dims, bool clear)
    {
        var size = ShapeMath.Product(dims);
        var scope = TensorScope.Current;
        if (scope is null || size == 0)
            return new Tensor(clear ? new float[size] : GC.AllocateUninitializedArray<float>(size), 0, dims);
        var storage = StoragePool.Rent(size);
        if (clear) Array.Clear(storage);
        var t = new Tensor(storage, 0, dims) { _lifetime = StorageLifetime.Scoped };
        scope.Track(t);
        return t;
    }

    /// <summary>A view sharing this tensor's storage (and its lifetime) with another shape.</summary>
    internal Tensor View(int[] shape) => new(this, shape);

    /// <summary>The tensor whose storage this one uses: itself, or the tensor it is a view of.</summary>
    internal Tensor Owner => _base ?? this;

    /// <summary>Gives storage borrowed from the current scope to this tensor for good, e.g. a parameter built inside a step.</summary>
    internal Tensor Persist()
    {
        if (Owner._lifetime == StorageLifetime.Scoped) Owner._lifetime = StorageLifetime.Owned;
        return this;
    }

    /// <summary>
    /// Keeps a gradient that a leaf adopts beyond its scope; <see cref="Recycle"/> (ZeroGrad) later returns its
    /// storage to the pool, so the next step borrows the same memory again.
    /// </summary>
    internal Tensor Adopt()
    {
        if (Owner._lifetime == StorageLifetime.Scoped) Owner._lifetime = StorageLifetime.Adopted;
        return this;
    }

    /// <summary>Returns adopted storage to the pool; the tensor cannot be read afterwards.</summary>
    internal void Recycle()
    {
        if (Owner._lifetime == StorageLifetime.Adopted) Owner.Release();
    }

    /// <summary>Called by the scope: returns borrowed storage unless it was persisted or adopted meanwhile.</summary>
    internal void ReleaseIfScoped()
    {
        if (_lifetime == StorageLifetime.Scoped) Release();
    }

    private void Release()
    {
        _lifetime = StorageLifetime.Released;
        StoragePool.Return(Storage);
    }

    private void ThrowIfReleased()
    {
        if (Owner._lifetime == StorageLifetime.Released)
            throw new ObjectDisposedException(nameof(Tensor), $"this {ShapeMath.Format(_shape)} tensor was computed inside a step whose memory has been reused; call Copy() inside the step to keep it");
    }

    public static Tensor Scalar(float value) => Full(value, []);

    /// <summary>A tensor holding a copy of <paramref name="values"/>, with the given shape.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> values, params int[] shape)
    {
        var t = new Tensor(shape);
        if (values.Length != t.Size)
            throw new ArgumentException($"{values.Length} values cannot fill shape {ShapeMath.Format(shape)} ({t.Size} elements)");
        values.CopyTo(t.Data);
        return t;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public float Item()
    {
        if (Size != 1)
            throw new InvalidOperationException($"Item() needs a one-element tensor, got shape {ShapeMath.Format(_shape)}");
        ThrowIfReleased();
        return Storage[Offset];
    }

    [System.Runtime.CompilerServices.IndexerName("Element")]
    public float this[params int[] index]
    {
        get => Data[ShapeMath.FlatIndex(_shape, index)];
        set => Data[ShapeMath.FlatIndex(_shape, index)] = value;
    }

    public float[] ToArray() => Data.ToArray();

    /// <summary>A view of the same data that is cut off from the graph.</summary>
    public Tensor Detach() => View(_shape);

    /// <summary>A detached copy with its own storage, which outlives any <see cref="TensorScope"/>.</summary>
    public Tensor Copy()
    {
        var t = new Tensor(_shape);
        Data.CopyTo(t.Data);
        return t;
    }

    /// <summary>A detached copy that, like an op's result, lives only as long as the current scope.</summary>
    internal Tensor ScopedCopy()
    {
        var t = EmptyLike(this);
        Data.CopyTo(t.Data);
        return t;
    }

    /// <summary>Attaches a backward function to this freshly computed result when any input needs gradients.</summary>
    internal Tensor Record(string op, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (!Autograd.IsGradEnabled) return this;
        foreach (var input in inputs)
        {
            if (input.RequiresGrad)
            {
                GradFn = new GradNode(op, inputs, backward);
                return this;
            }
        }
        return this;
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires it and adds it to
    /// the leaf's <see cref="Grad"/>. A non-scalar tensor needs an explicit <paramref name="gradient"/>.
    /// With <paramref name="createGraph"/> the gradients are themselves differentiable.
    /// </summary>
    public void Backward(Tensor? gradient = null, bool createGraph = false) =>
        Autograd.Backward(this, gradient, createGraph);

    public override string ToString() => $"Tensor{ShapeMath.Format(_shape)}" + (GradFn is null ? "" : $" (from {GradFn.Name})");
}
