namespace Atelier;

/// <summary>
/// The collections one backward pass needs, kept between passes so that a training step does not
/// reallocate them. A backward may run another one inside it (a differentiable gradient), so each
/// thread keeps a small stack of them.
/// </summary>
internal sealed class BackwardWorkspace
{
    [ThreadStatic] private static Stack<BackwardWorkspace>? t_spare;

    public readonly List<Tensor> Order = [];
    public readonly HashSet<Tensor> Visited = new(ReferenceEqualityComparer.Instance);
    public readonly Stack<(Tensor Tensor, int NextInput)> Stack = new();
    public readonly Dictionary<Tensor, Tensor> Grads = new(ReferenceEqualityComparer.Instance);
    public readonly HashSet<Tensor> Targets = new(ReferenceEqualityComparer.Instance);
    public readonly HashSet<Tensor> Leads = new(ReferenceEqualityComparer.Instance);
    public readonly HashSet<Tensor> Skip = new(ReferenceEqualityComparer.Instance);
    public readonly HashSet<float[]> ClaimedStorage = new(ReferenceEqualityComparer.Instance);
    public readonly GradientReferences References = new();

    public static BackwardWorkspace Rent() => t_spare is { Count: > 0 } spare ? spare.Pop() : new BackwardWorkspace();

    /// <summary>Clears the workspace (dropping its references to tensors) and keeps it for the next pass.</summary>
    public static void Return(BackwardWorkspace work)
    {
        work.Order.Clear();
        work.Visited.Clear();
        work.Stack.Clear();
        work.Grads.Clear();
        work.Targets.Clear();
        work.Leads.Clear();
        work.Skip.Clear();
        work.ClaimedStorage.Clear();
        work.References.Clear();
        (t_spare ??= new Stack<BackwardWorkspace>()).Push(work);
    }
}
