namespace Atelier.NN.Layers;

/// <summary>Batch normalisation of (N, C, H, W) inputs.</summary>
public sealed class BatchNorm2d(int features, float eps = 1e-5f, float momentum = 0.1f, bool affine = true)
    : BatchNorm(features, inputRank: 4, "BatchNorm2d", eps, momentum, affine);
