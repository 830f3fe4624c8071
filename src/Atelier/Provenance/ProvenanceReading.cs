using Atelier.Imaging;

namespace Atelier.Provenance;

/// <summary>
/// What a PNG says about its own making: its text fields as found, the provenance they hold (null when
/// incomplete or unreadable), and every problem found in checking it. Reading never throws for a damaged
/// or foreign file; <see cref="Require"/> turns the problems into one error when the provenance is needed.
/// </summary>
public sealed record ProvenanceReading(string File, IReadOnlyList<PngText> Fields, ImageProvenance? Provenance, IReadOnlyList<string> Problems)
{
    /// <summary>Whether the file has any Atelier field at all.</summary>
    public bool HasProvenance => Fields.Any(f => ProvenanceFields.IsAtelierField(f.Keyword));

    /// <summary>Complete, matching its checksum, its recipes and its pixels.</summary>
    public bool IsIntact => Provenance is not null && Problems.Count == 0;

    /// <summary>The problems as one line, e.g. for an error message.</summary>
    public string Summary => Problems.Count == 0 ? "intact" : string.Join("; ", Problems);

    /// <summary>The provenance, checked.</summary>
    /// <exception cref="ProvenanceException">It is missing, incomplete, damaged or edited.</exception>
    public ImageProvenance Require() =>
        IsIntact ? Provenance! : throw new ProvenanceException($"{File}: the provenance cannot be used: {Summary}");
}
