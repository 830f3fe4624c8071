namespace Atelier.NN;

/// <summary>How a loss combines its per-element values.</summary>
public enum Reduction
{
    Mean,
    Sum,
    None,
}
