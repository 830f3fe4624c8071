using Atelier.NN;

namespace Atelier.Checkpoints;

/// <summary>
/// Module state to and from safetensors files with PyTorch's names and layouts: float32 tensors as F32,
/// integer buffers (num_batches_tracked) as I64, each name prefixed by the network's role
/// (<c>generator.</c>, <c>discriminator.</c>, <c>vae.</c>).
/// </summary>
public static class Checkpoint
{
    /// <summary>
    /// Writes the state of every module (under its prefix) and any extra tensors, atomically. Refuses,
    /// before writing anything, a state that holds NaN or infinity, so a bad step never replaces a good file.
    /// </summary>
    public static void Save(string path, IEnumerable<(string Prefix, Module Module)> modules,
        IReadOnlyDictionary<string, Tensor>? extra = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = new List<KeyValuePair<string, SafetensorsTensor>>();
        foreach (var (prefix, module) in modules)
            foreach (var entry in module.StateEntries(prefix))
                entries.Add(new(entry.Name, Encode(entry.Name, entry.Tensor, entry.IsInteger)));
        foreach (var (name, tensor) in extra ?? new Dictionary<string, Tensor>())
            entries.Add(new(name, Encode(name, tensor, isInteger: false)));
        SafetensorsFile.Write(path, entries, metadata);
    }

    public static void Save(string path, Module module, string prefix = "") => Save(path, [(prefix, module)]);

    /// <summary>Loads the entries under <paramref name="prefix"/> into <paramref name="module"/>; errors name the file, entry, dtype and shapes.</summary>
    public static void LoadInto(SafetensorsContents contents, Module module, string prefix, string source)
    {
        var state = new Dictionary<string, Tensor>();
        var integers = module.StateEntries().Where(e => e.IsInteger).Select(e => e.Name).ToHashSet();
        foreach (var (name, stored) in contents.Tensors)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var local = name[prefix.Length..];
            state[local] = Decode(stored, name, integers.Contains(local), source);
        }
        module.LoadStateDict(state, source);
    }

    public static void Load(string path, Module module, string prefix = "") =>
        LoadInto(SafetensorsFile.Read(path), module, prefix, Path.GetFileName(path));

    /// <summary>Every tensor of the file whose name starts with <paramref name="prefix"/>, without the prefix, as float32.</summary>
    public static Dictionary<string, Tensor> ReadTensors(SafetensorsContents contents, string prefix, string source) =>
        contents.Tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[prefix.Length..], t => Decode(t.Value, t.Key, t.Value.DType == SafetensorsDType.I64, source));

    private static SafetensorsTensor Encode(string name, Tensor tensor, bool isInteger)
    {
        var shape = tensor.Shape.Select(d => (long)d).ToArray();
        var data = tensor.Data;
        for (var i = 0; i < data.Length; i++)
            if (!float.IsFinite(data[i]))
                throw new NonFiniteTensorException($"'{name}' holds {data[i]} at element {i}; the checkpoint was not written");
        if (!isInteger) return SafetensorsTensor.FromFloats(data, shape);
        var integers = new long[data.Length];
        for (var i = 0; i < data.Length; i++) integers[i] = (long)data[i];
        return SafetensorsTensor.FromInt64(integers, shape);
    }

    private static Tensor Decode(SafetensorsTensor stored, string name, bool isInteger, string source)
    {
        var expected = isInteger ? SafetensorsDType.I64 : SafetensorsDType.F32;
        if (stored.DType != expected)
            throw new StateDictException($"{source}: '{name}' is stored as {stored.DType.ToHeaderString()} but the model needs {expected.ToHeaderString()}");
        if (stored.Shape.Any(d => d > int.MaxValue))
            throw new StateDictException($"{source}: '{name}' has shape [{string.Join(", ", stored.Shape)}], too large for a tensor");
        var shape = stored.Shape.Select(d => (int)d).ToArray();
        if (!isInteger) return Tensor.FromArray(stored.ToFloats(), shape);
        return Tensor.FromArray(stored.ToInt64().Select(v => (float)v).ToArray(), shape);
    }
}
