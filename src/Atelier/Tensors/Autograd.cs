namespace Atelier;

/// <summary>Reverse-mode differentiation over the graph that tensors record, and the grad-mode switches.</summary>
public static class Autograd
{
    [ThreadStatic] private static int t_noGradDepth;
    [ThreadStatic] private static int t_forceGradDepth;

    /// <summary>Whether new operations are recorded for differentiation on this thread.</summary>
    public static bool IsGradEnabled => t_forceGradDepth > 0 || t_noGradDepth == 0;

    /// <summary>A scope in which nothing is recorded: <c>using (Autograd.NoGrad()) { ... }</c>.</summary>
    public static IDisposable NoGrad() => new GradModeScope(enable: false);

    /// <summary>A scope in which operations are recorded even inside <see cref="NoGrad"/>.</summary>
    public static IDisposable EnableGrad() => new GradModeScope(enable: true);

    private sealed class GradModeScope : IDisposable
    {
        private readonly int _savedNoGrad;
        private readonly int _savedForce;
        private bool _disposed;

        public GradModeScope(bool enable)
        {
            _savedNoGrad = t_noGradDepth;
            _savedForce = t_forceGradDepth;
            if (enable) { t_forceGradDepth++; }
            else { t_noGradDepth++; t_forceGradDepth = 0; }
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_noGradDepth = _savedNoGrad;
            t_forceGradDepth = _savedForce;
        }
    }

    /// <summary>Accumulates d(root)/d(leaf) into every leaf's Grad.</summary>
    internal static void Backward(Tensor root, Tensor? gradient, bool createGraph)
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException("Backward() called on a tensor that does not require gradients: no input of its computation has RequiresGrad set (or it was computed under NoGrad).");
        var seed = gradient ?? SeedGradient(root);
        var work = BackwardWorkspace.Rent();
        try
        {
            var grads = Propagate(work, [root], [seed], createGraph, targets: null);
            // A backward may hand one tensor to several inputs (add) or pass the seed through; leaves that
            // would share storage get their own copy, so that in-place updates of one Grad never reach another.
            var claimed = work.ClaimedStorage;
            claimed.Add(seed.Storage);
            foreach (var (tensor, grad) in grads)
            {
                if (!tensor.IsLeaf) continue;
                var g = createGraph || claimed.Add(grad.Storage) ? grad : grad.Copy();
                tensor.Grad = tensor.Grad is null ? g.Adopt() : createGraph ? tensor.Grad + g : AddInPlace(tensor.Grad, g);
            }
        }
        finally
        {
            BackwardWorkspace.Return(work);
        }
    }

    /// <summary>
    /// The gradients of the sum of <paramref name="outputs"/> (weighted by <paramref name="gradOutputs"/>)
    /// with respect to <paramref name="inputs"/>, without touching any Grad property, like torch.autograd.grad.
    /// An input the outputs do not depend on gets a zero gradient.
    /// </summary>
    public static Tensor[] Grad(Tensor[] outputs, Tensor[] inputs, Tensor[]? gradOutputs = null, bool createGraph = false)
    {
        if (gradOutputs is not null && gradOutputs.Length != outputs.Length)
            throw new ArgumentException($"{gradOutputs.Length} output gradients given for {outputs.Length} outputs");
        var seeds = new Tensor[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            if (!outputs[i].RequiresGrad)
                throw new InvalidOperationException($"output {i} ({outputs[i]}) does not require gradients");
            seeds[i] = gradOutputs?[i] ?? SeedGradient(outputs[i]);
        }
        var work = BackwardWorkspace.Rent();
        try
        {
            work.Targets.UnionWith(inputs);
            var grads = Propagate(work, outputs, seeds, createGraph, work.Targets);
            var result = new Tensor[inputs.Length];
            for (var i = 0; i < inputs.Length; i++)
                result[i] = grads.TryGetValue(inputs[i], out var g) ? g : Tensor.Zeros(inputs[i].Dims);
            return result;
        }
        finally
        {
            BackwardWorkspace.Return(work);
        }
    }

    private static Tensor SeedGradient(Tensor output)
    {
        if (output.Size != 1)
            throw new InvalidOperationException($"gradient can be implicitly created only for a one-element output; this one has shape {ShapeMath.Format(output.Dims)}: pass the upstream gradient explicitly");
        return Tensor.Ones(output.Dims);
    }

    private static Dictionary<Tensor, Tensor> Propagate(BackwardWorkspace work, Tensor[] roots, Tensor[] seeds, bool createGraph, HashSet<Tensor>? targets)
    {
        var order = TopologicalOrder(work, roots);
        var skip = targets is null ? null : NodesNotLeadingTo(work, order, targets);
        var grads = work.Grads;
        // Without a graph of the gradients, an intermediate gradient is dead once its node has passed it on:
        // its pooled storage goes back at once, so the backward pass reuses memory that is still in cache.
        var references = createGraph ? null : work.References;
        for (var i = 0; i < roots.Length; i++)
        {
            if (!ShapeMath.SameShape(roots[i].Dims, seeds[i].Dims))
                throw new ArgumentException($"gradient of shape {ShapeMath.Format(seeds[i].Dims)} given for an output of shape {ShapeMath.Format(roots[i].Dims)}");
            Accumulate(grads, references, roots[i], seeds[i]);
            references?.Hold(seeds[i]); // the caller's tensor: never released here
        }

        using var mode = createGraph ? EnableGrad() : NoGrad();
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var tensor = order[i];
            var node = tensor.GradFn!;
            if (!grads.TryGetValue(tensor, out var upstream)) continue;
            if (skip is not null && skip.Contains(tensor)) continue;
            var inputGrads = node.Backward(upstream);
            for (var j = 0; j < node.Inputs.Length; j++)
            {
                var input = node.Inputs[j];
                var g = inputGrads[j];
                if (g is null || !input.RequiresGrad) continue;
                if (!ShapeMath.SameShape(g.Dims, input.Dims))
                    throw new InvalidOperationException($"internal error: '{node.Name}' produced a gradient of shape {ShapeMath.Format(g.Dims)} for an input of shape {ShapeMath.Format(input.Dims)}");
                Accumulate(grads, references, input, g);
            }
            if (targets is null || !targets.Contains(tensor)) references?.Drop(upstream);
        }
        return grads;
    }

    private static void Accumulate(Dictionary<Tensor, Tensor> grads, GradientReferences? references, Tensor tensor, Tensor g)
    {
        // Out of place: an op may hand the same gradient tensor to several inputs.
        if (grads.TryGetValue(tensor, out var existing))
        {
            var sum = existing + g;
            grads[tensor] = sum;
            references?.Hold(sum);
            references?.Drop(existing);
            references?.ReleaseIfUnheld(g);
        }
        else
        {
            grads[tensor] = g;
            references?.Hold(g);
        }
    }

    private static Tensor AddInPlace(Tensor target, Tensor g)
    {
        System.Numerics.Tensors.TensorPrimitives.Add(target.Data, g.Data, target.Data);
        return target;
    }

    /// <summary>Nodes whose backward cannot reach any target, so Grad() need not run them.</summary>
    private static HashSet<Tensor> NodesNotLeadingTo(BackwardWorkspace work, List<Tensor> order, HashSet<Tensor> targets)
    {
        var leads = work.Leads;
        var skip = work.Skip;
        foreach (var tensor in order)
        {
            var reaches = false;
            foreach (var input in tensor.GradFn!.Inputs)
                reaches |= targets.Contains(input) || leads.Contains(input);
            if (reaches) leads.Add(tensor); else skip.Add(tensor);
        }
        return skip;
    }

    /// <summary>Non-leaf tensors reachable from the roots, each after all tensors it depends on.</summary>
    private static List<Tensor> TopologicalOrder(BackwardWorkspace work, Tensor[] roots)
    {
        var order = work.Order;
        var visited = work.Visited;
        var stack = work.Stack;
        foreach (var root in roots)
        {
            if (root.GradFn is null || !visited.Add(root)) continue;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (tensor, next) = stack.Pop();
                var inputs = tensor.GradFn!.Inputs;
                if (next < inputs.Length)
                {
                    stack.Push((tensor, next + 1));
                    var input = inputs[next];
                    if (input.GradFn is not null && visited.Add(input)) stack.Push((input, 0));
                }
                else
                {
                    order.Add(tensor);
                }
            }
        }
        return order;
    }
}
