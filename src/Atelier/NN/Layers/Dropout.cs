namespace Atelier.NN.Layers;

/// <summary>Inverted dropout in training mode (masks drawn from the given generator); identity in evaluation mode.</summary>
public sealed class Dropout(float p, Generator generator) : Module
{
    public float P { get; } = p is >= 0f and < 1f ? p : throw new ArgumentOutOfRangeException(nameof(p), $"dropout probability must be in [0, 1), got {p}");

    public override Tensor Forward(Tensor input) => Training ? input.Dropout(P, generator) : input;
}
