namespace Atelier.Checkpoints;

/// <summary>The tensors and metadata of a safetensors file, as returned by <see cref="SafetensorsFile.Read(string)"/>.</summary>
public sealed class SafetensorsContents
{
    internal SafetensorsContents(
        IReadOnlyDictionary<string, SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>Tensors by name, enumerated in the order the file header lists them.</summary>
    public IReadOnlyDictionary<string, SafetensorsTensor> Tensors { get; }

    /// <summary>The string pairs of the optional <c>__metadata__</c> entry; empty when absent.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }
}
