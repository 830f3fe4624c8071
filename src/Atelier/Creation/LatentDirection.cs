namespace Atelier.Creation;

/// <summary>A direction in latent space (base64 of little-endian float32), and how it was found (e.g. <c>class 1 − class 7 means, 500 samples</c>).</summary>
public sealed record LatentDirection(string Vector, string Made);
