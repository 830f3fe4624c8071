namespace Atelier.Data.Procedural;

/// <summary>
/// Which procedural dataset to generate and how: <paramref name="Name"/> is "shapes" or "patterns",
/// <paramref name="Count"/> the number of images (training and held out together), <paramref name="Seed"/>
/// the seed every image is drawn from.
/// </summary>
public sealed record ProceduralDataSettings(string Name, int Count = ProceduralDatasets.DefaultCount, long Seed = 0);
