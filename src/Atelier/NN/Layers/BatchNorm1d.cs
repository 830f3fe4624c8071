namespace Atelier.NN.Layers;

/// <summary>Batch normalisation of (N, C) or (N, C, L) inputs.</summary>
public sealed class BatchNorm1d(int features, float eps = 1e-5f, float momentum = 0.1f, bool affine = true)
    : BatchNorm(features, inputRank: 2, "BatchNorm1d", eps, momentum, affine);
