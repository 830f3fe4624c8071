using System.Text.Json;

namespace Atelier.Training.Health;

/// <summary>A run's health warnings, one JSON object per line in health.jsonl, so that a resumed run and its report keep them.</summary>
public static class HealthLog
{
    public static void Append(string path, HealthWarning warning) => File.AppendAllText(path, JsonSerializer.Serialize(warning) + "\n");

    /// <summary>The warnings in the file, oldest first; none when it is missing. A line cut short by a crash is skipped.</summary>
    public static IReadOnlyList<HealthWarning> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var warnings = new List<HealthWarning>();
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            try
            {
                if (JsonSerializer.Deserialize<HealthWarning>(line) is HealthWarning w) warnings.Add(w);
            }
            catch (JsonException)
            {
                // A line cut short when the process was killed: the others still stand.
            }
        }
        return warnings;
    }
}
