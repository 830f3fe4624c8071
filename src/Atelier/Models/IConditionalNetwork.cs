namespace Atelier.Models;

/// <summary>A network that can take class labels beside its input (null for an unconditional call).</summary>
public interface IConditionalNetwork
{
    Tensor Forward(Tensor input, int[]? labels);
}
