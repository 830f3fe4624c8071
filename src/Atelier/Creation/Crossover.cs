namespace Atelier.Creation;

/// <summary>How a child's latent takes after its two parents.</summary>
public enum Crossover
{
    /// <summary>Each latent component from one parent or the other, by a fair coin.</summary>
    Uniform,

    /// <summary>A point on the spherical path between the parents, at a uniformly drawn fraction.</summary>
    Blend,
}
