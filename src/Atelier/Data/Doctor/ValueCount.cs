namespace Atelier.Data.Doctor;

/// <summary>
/// How many images share one value of a property (a size such as "28x28", an aspect ratio, a channel mode), and
/// when the value is an outlier (rare: at most 10% of the images, and not the most common value) the first of its files.
/// </summary>
public sealed record ValueCount(string Value, int Count, IReadOnlyList<string> Outliers);
