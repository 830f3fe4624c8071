namespace Atelier.Creation;

/// <summary>
/// One latent of a lineage: its id, its generation (0 for a parent brought in from outside), its recipe and exact latent
/// (base64 of little-endian float32, as in a PNG's provenance), its class, the ids of its parents, how it was made,
/// the image that shows it (<c>FILE.png#N</c>), and whether the user marked it a favourite.
/// </summary>
public sealed record LineageEntry(int Id, int Generation, string Recipe, string Latent, int? Class, int[] Parents, string Made, string? Image, bool Favourite = false);
