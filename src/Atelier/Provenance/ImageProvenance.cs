using System.Reflection;

namespace Atelier.Provenance;

/// <summary>
/// Everything needed to make a file's images again: the model and checkpoint, how the images are laid
/// out, the truncation used for seeds, and for each image its recipe, exact latent and class. Saved in the
/// PNG itself by <see cref="ProvenancePng"/>, with the tool that wrote it and an AI-generated disclosure.
/// </summary>
public sealed record ImageProvenance(ModelSource Source, ImageLayout Layout, float? Truncation, IReadOnlyList<ProvenanceCell> Cells)
{
    /// <summary>The disclosure every image carries; the IPTC digital source type lets other tools recognise it.</summary>
    public const string AiGeneratedDisclosure = "AI-generated image: made by a generative model trained with Atelier " +
        "(IPTC digital source type: http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia).";

    /// <summary>The tool and version that wrote the file (this build's, for a new image; the original's, when read).</summary>
    public string Tool { get; init; } = CurrentTool;

    public string Disclosure { get; init; } = AiGeneratedDisclosure;

    public static string CurrentTool { get; } =
        "Atelier " + (typeof(ImageProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    /// <summary>The cells' latents, (N, LatentDim), to generate the images from.</summary>
    public Tensor Latents() => Tensor.FromArray([.. Cells.SelectMany(c => c.Latent)], Cells.Count, Cells[0].Latent.Length);

    /// <summary>The cells' classes, or null when the images are unconditional.</summary>
    public int[]? Labels() => Cells.All(c => c.Class is not null) ? [.. Cells.Select(c => c.Class!.Value)] : null;

    /// <summary>The provenance of cell <paramref name="index"/> alone, as a single image.</summary>
    public ImageProvenance Cell(int index) => this with { Layout = new SingleImageLayout(), Cells = [Cells[index]] };
}
