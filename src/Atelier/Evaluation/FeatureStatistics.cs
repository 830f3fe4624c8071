namespace Atelier.Evaluation;

/// <summary>
/// The mean and unbiased covariance of <paramref name="Count"/> feature vectors of length <paramref name="Dimension"/>,
/// as <see cref="FrechetDistance.Statistics"/> computes them; <paramref name="Covariance"/> is row-major Dimension x Dimension.
/// </summary>
public sealed record FeatureStatistics(double[] Mean, double[] Covariance, int Dimension, int Count);
