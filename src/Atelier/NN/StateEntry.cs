namespace Atelier.NN;

/// <summary>One named parameter or buffer of a module.</summary>
/// <param name="IsInteger">Stored as int64 in checkpoints, as PyTorch stores num_batches_tracked.</param>
public sealed record StateEntry(string Name, Tensor Tensor, bool IsInteger);
