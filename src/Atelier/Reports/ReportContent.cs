namespace Atelier.Reports;

/// <summary>Everything a <see cref="RunReport"/> shows, in page order. Empty sections are left out.</summary>
/// <param name="Title">The page heading and window title.</param>
/// <param name="Subtitle">One line under the heading (e.g. model, dataset, date); may be empty.</param>
/// <param name="Summary">Rows of the summary table: a name and its value, already formatted.</param>
/// <param name="Charts">Line charts, drawn as inline SVG.</param>
/// <param name="Images">The gallery, in this order.</param>
/// <param name="ConfigText">The run's configuration (YAML or JSON), shown verbatim.</param>
public sealed record ReportContent(
    string Title,
    string Subtitle,
    IReadOnlyList<(string Name, string Value)> Summary,
    IReadOnlyList<Chart> Charts,
    IReadOnlyList<ReportImage> Images,
    string ConfigText);
