namespace Atelier;

/// <summary>Who owns a tensor's storage, and so when it may be reused.</summary>
internal enum StorageLifetime : byte
{
    /// <summary>Ordinary memory, collected by the garbage collector.</summary>
    Owned,

    /// <summary>Borrowed from the pool until the enclosing <see cref="TensorScope"/> ends.</summary>
    Scoped,

    /// <summary>Borrowed from the pool by a leaf's gradient until the optimiser clears it.</summary>
    Adopted,

    /// <summary>Back in the pool: reading it is an error.</summary>
    Released,
}
