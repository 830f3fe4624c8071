namespace Atelier.NN.Optim;

/// <summary>
/// Updates parameters from their gradients. Per-parameter state (moments, momentum buffers) is named
/// "{index}.{kind}" by the parameter's position, so it can be saved beside the weights and restored.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<(int Index, string Kind), Tensor> _state = [];

    protected Optimizer(IEnumerable<Tensor> parameters, float learningRate)
    {
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new ArgumentException("the optimiser was given no parameters");
        if (!(learningRate >= 0f)) throw new ArgumentOutOfRangeException(nameof(learningRate), $"learning rate must be non-negative, got {learningRate}");
        LearningRate = learningRate;
    }

    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The rate used by the next <see cref="Step"/>; a schedule may change it between steps.</summary>
    public float LearningRate { get; set; }

    /// <summary>Number of steps taken so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        StepCount++;
        using var noGrad = Autograd.NoGrad();
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Grad is null) continue;
            Update(i, p.Data, p.Grad.Data);
        }
    }

    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            p.Grad?.Recycle();
            p.Grad = null;
        }
    }

    /// <summary>Updates parameter <paramref name="index"/> in place.</summary>
    protected abstract void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient);

    /// <summary>The state buffer <paramref name="kind"/> of a parameter, created zero-filled on first use.</summary>
    protected Span<float> State(int index, string kind, out bool created)
    {
        created = !_state.TryGetValue((index, kind), out var t);
        if (created) _state[(index, kind)] = t = new Tensor(Parameters[index].Dims);
        return t!.Data;
    }

    /// <summary>The optimiser's state: every buffer plus "step".</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var result = _state.ToDictionary(entry => $"{entry.Key.Index}.{entry.Key.Kind}", entry => entry.Value);
        result["step"] = Tensor.FromArray([StepCount], []);
        return result;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        _state.Clear();
        foreach (var (key, value) in state)
        {
            if (key == "step") { StepCount = (long)value.Item(); continue; }
            var dot = key.IndexOf('.');
            if (dot < 0 || !int.TryParse(key.AsSpan(0, dot), out var index) || index < 0 || index >= Parameters.Count)
                throw new StateDictException($"optimiser state entry '{key}' does not belong to any of the {Parameters.Count} parameters");
            if (!ShapeMath.SameShape(value.Dims, Parameters[index].Dims))
                throw new StateDictException($"optimiser state '{key}' has shape {ShapeMath.Format(value.Dims)} but parameter {index} has {ShapeMath.Format(Parameters[index].Dims)}");
            _state[(index, key[(dot + 1)..])] = value.Copy();
        }
    }
}
