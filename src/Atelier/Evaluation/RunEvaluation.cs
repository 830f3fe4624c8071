using System.Text.Json;
using Atelier.IO;

namespace Atelier.Evaluation;

/// <summary>
/// One evaluation of a checkpoint, as saved in its run (evaluation.json, the latest, and evaluations.jsonl, every one) and
/// shown in the report. Figures from different feature extractors are not comparable: <see cref="ExtractorHash"/> says
/// which one measured them.
/// </summary>
public sealed record RunEvaluation
{
    public const string LatestFile = "evaluation.json";
    public const string HistoryFile = "evaluations.jsonl";

    public required string Model { get; init; }
    public required string Checkpoint { get; init; }
    public int Epoch { get; init; }
    public long Step { get; init; }
    public DateTimeOffset When { get; init; }
    public required string Against { get; init; }
    public int Samples { get; init; }
    public long Seed { get; init; }
    public required string Extractor { get; init; }
    public required string ExtractorHash { get; init; }
    public double Fid { get; init; }
    public double Kid { get; init; }
    public double KidStandardError { get; init; }
    public ManifoldScores? Manifold { get; init; }
    public double ExtractorAccuracy { get; init; }
    public double? ClassAgreement { get; init; }
    public double? MeanConfidence { get; init; }
    public double? ConfidentShare { get; init; }
    public double? RealConfidentShare { get; init; }
    public int? ClassesCovered { get; init; }
    public int? Classes { get; init; }
    public int NearCopies { get; init; }
    public double MedianPixelRatio { get; init; }
    public IReadOnlyList<MemorisationPair> ClosestPairs { get; init; } = [];
    public VaeLikelihood? Likelihood { get; init; }
    public int? ActiveUnits { get; init; }
    public int? LatentDim { get; init; }

    /// <summary>Saves this as the run's latest evaluation and appends it to the run's history.</summary>
    public void SaveTo(string runDirectory)
    {
        AtomicFile.WriteAllBytes(Path.Combine(runDirectory, LatestFile), JsonSerializer.SerializeToUtf8Bytes(this, Json));
        File.AppendAllText(Path.Combine(runDirectory, HistoryFile), JsonSerializer.Serialize(this, Compact) + "\n");
    }

    /// <summary>The run's latest evaluation, or null when it has none or the file cannot be read.</summary>
    public static RunEvaluation? Latest(string runDirectory) => Read(Path.Combine(runDirectory, LatestFile)).FirstOrDefault();

    /// <summary>Every evaluation of the run, oldest first; unreadable lines are skipped.</summary>
    public static IReadOnlyList<RunEvaluation> History(string runDirectory) => Read(Path.Combine(runDirectory, HistoryFile), lines: true);

    private static List<RunEvaluation> Read(string path, bool lines = false)
    {
        if (!File.Exists(path)) return [];
        var texts = lines ? File.ReadAllLines(path) : [File.ReadAllText(path)];
        var result = new List<RunEvaluation>();
        foreach (var text in texts.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            try
            {
                if (JsonSerializer.Deserialize<RunEvaluation>(text, Json) is RunEvaluation e) result.Add(e);
            }
            catch (JsonException)
            {
                // A line cut short by a crash, or an older format: the other evaluations still count.
            }
        }
        return result;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions Compact = new(Json) { WriteIndented = false };
}
