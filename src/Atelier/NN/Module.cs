namespace Atelier.NN;

/// <summary>
/// A network building block, like torch.nn.Module: it owns named parameters (trained), buffers
/// (saved but not trained, e.g. running statistics) and child modules, and maps an input to an output.
/// State names are dotted paths (<c>encoder.fc1.weight</c>) exactly as PyTorch names them.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Tensor)> _parameters = [];
    private readonly List<(string Name, Tensor Tensor, bool IsInteger)> _buffers = [];
    private readonly List<(string Name, Module Module)> _children = [];

    /// <summary>Whether the module is in training mode (BatchNorm uses batch statistics, Dropout drops).</summary>
    public bool Training { get; private set; } = true;

    public abstract Tensor Forward(Tensor input);

    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        CheckName(name);
        tensor.Persist().RequiresGrad = true;
        _parameters.Add((name, tensor));
        return tensor;
    }

    /// <param name="isInteger">Saved as int64 in checkpoints (PyTorch's num_batches_tracked).</param>
    protected Tensor RegisterBuffer(string name, Tensor tensor, bool isInteger = false)
    {
        CheckName(name);
        _buffers.Add((name, tensor.Persist(), isInteger));
        return tensor;
    }

    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        _children.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"invalid state name '{name}': names are non-empty and contain no dots");
        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"'{name}' is already registered in {GetType().Name}");
    }

    public IEnumerable<(string Name, Module Module)> Children() => _children;

    /// <summary>Every parameter with its dotted name, depth first in registration order.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters(string prefix = "")
    {
        foreach (var (name, p) in _parameters) yield return (prefix + name, p);
        foreach (var (name, child) in _children)
            foreach (var entry in child.NamedParameters(prefix + name + "."))
                yield return entry;
    }

    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    public int ParameterCount() => Parameters().Sum(p => p.Size);

    /// <summary>
    /// Parameters and buffers in PyTorch's state_dict order: a module's own parameters, then its own
    /// buffers, then each child's entries.
    /// </summary>
    public IEnumerable<StateEntry> StateEntries(string prefix = "")
    {
        foreach (var (name, p) in _parameters) yield return new StateEntry(prefix + name, p, IsInteger: false);
        foreach (var (name, b, isInteger) in _buffers) yield return new StateEntry(prefix + name, b, isInteger);
        foreach (var (name, child) in _children)
            foreach (var entry in child.StateEntries(prefix + name + "."))
                yield return entry;
    }

    /// <summary>Name to tensor for every parameter and buffer (the live tensors, not copies).</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict() => StateEntries().ToDictionary(e => e.Name, e => e.Tensor);

    /// <summary>
    /// Copies values into this module's parameters and buffers. Every name must be present with the
    /// same shape, and no unknown names may appear; errors name the entry and both shapes.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source = "state dict")
    {
        var entries = StateEntries().ToList();
        var missing = entries.Where(e => !state.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        if (missing.Count > 0)
            throw new StateDictException($"{source} is missing {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}: it was saved from a different model");
        var known = entries.Select(e => e.Name).ToHashSet();
        var unexpected = state.Keys.Where(k => !known.Contains(k)).ToList();
        if (unexpected.Count > 0)
            throw new StateDictException($"{source} has unexpected entries {string.Join(", ", unexpected.Take(5))}{(unexpected.Count > 5 ? $" and {unexpected.Count - 5} more" : "")}: it was saved from a different model");
        foreach (var entry in entries)
        {
            var value = state[entry.Name];
            if (!ShapeMath.SameShape(value.Dims, entry.Tensor.Dims))
                throw new StateDictException($"{source}: '{entry.Name}' has shape {ShapeMath.Format(value.Dims)} but the model expects {ShapeMath.Format(entry.Tensor.Dims)}");
        }
        foreach (var entry in entries) state[entry.Name].Data.CopyTo(entry.Tensor.Data);
    }

    /// <summary>Sets training mode on this module and all its children.</summary>
    public Module Train(bool training = true)
    {
        Training = training;
        foreach (var (_, child) in _children) child.Train(training);
        return this;
    }

    public Module Eval() => Train(false);

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Grad = null;
    }

    public Tensor Call(Tensor input) => Forward(input);
}
