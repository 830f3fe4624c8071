namespace Atelier.Tests.Kernels;

/// <summary>
/// Tests that change <see cref="Atelier.Kernels.Backend.Threads"/>, or measure what a step allocates (which
/// depends on which threads do the work), run one after another instead of beside each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BackendThreadsCollection
{
    public const string Name = "Backend.Threads";
}
