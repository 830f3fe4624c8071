namespace Atelier;

/// <summary>One recorded operation: its inputs and the function mapping the output's gradient to theirs.</summary>
internal sealed class GradNode(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
{
    public string Name { get; } = name;

    public Tensor[] Inputs { get; } = inputs;

    /// <summary>Returns one gradient per input (null where the input needs none).</summary>
    public Func<Tensor, Tensor?[]> Backward { get; } = backward;
}
