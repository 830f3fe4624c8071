namespace Atelier.Creation;

/// <summary>
/// How <see cref="GanProjection"/> searches for a latent: <c>Steps</c> Adam steps at <c>LearningRate</c>, starting from the
/// best of <c>Starts</c> seeded latents, minimising pixel MSE + <c>FeatureWeight</c> × relative feature error +
/// <c>NoiseWeight</c> × (|z|² / D − 1)², the last keeping z near the shell where N(0, I) puts nearly all its mass.
/// </summary>
public sealed record ProjectionSettings(int Steps = 200, float LearningRate = 0.05f, float FeatureWeight = 0.1f, float NoiseWeight = 0.05f, int Starts = 8, long Seed = 0);
