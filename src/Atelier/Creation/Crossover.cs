namespace Atelier.Creation;

/// <summary>How a child's latent takes after its two parents.</summary>
public enum Crossover
{
    /// <summary>Each latent component from one parent or the other, by a fair coin.</summary>
    Uniform,

    /// <summary>A point on the spherical path between the parents, at a uniformly drawn fraction.</summary>
    Blend,
}

/// <summary>The names of <see cref="Crossover"/> values in recipes and on the command line.</summary>
public static class Crossovers
{
    public const string Choices = "uniform or blend";

    /// <summary>The value named <paramref name="name"/> ("uniform" or "blend"), or null.</summary>
    public static Crossover? Parse(string name) => name switch
    {
        "uniform" => Crossover.Uniform,
        "blend" => Crossover.Blend,
        _ => null,
    };

    public static string Name(Crossover crossover) => crossover.ToString().ToLowerInvariant();
}
