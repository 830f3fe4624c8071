namespace Atelier.Creation;

/// <summary>A latent saved under a name: its recipe, its exact latent (base64 of little-endian float32) and its class.</summary>
public sealed record Bookmark(string Recipe, string Latent, int? Class);
