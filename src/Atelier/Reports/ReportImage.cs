namespace Atelier.Reports;

/// <summary>An image shown in a <see cref="RunReport"/>'s gallery.</summary>
/// <param name="RelativePath">Path of the image file relative to the report's folder, e.g. "samples/epoch-001.png".</param>
/// <param name="Caption">Shown under the image and used as its alternative text.</param>
public sealed record ReportImage(string RelativePath, string Caption);
