using Atelier.Models;

namespace Atelier.Training;

/// <summary>Stops training at the first NaN or infinity in a loss, a gradient or a weight, naming it.</summary>
internal static class NonFiniteCheck
{
    public static void AfterStep(GenerativeModel model, IReadOnlyDictionary<string, float> losses, long step, int epoch, RunPaths paths)
    {
        string? problem = null;
        foreach (var (name, value) in losses)
            if (!float.IsFinite(value)) { problem = $"the loss {name} is {value}"; break; }
        foreach (var part in model.Parts)
        {
            if (problem is not null) break;
            foreach (var (name, p) in part.Network.NamedParameters())
            {
                if (p.Grad is { } g && FirstNonFinite(g.Data) is float bad) { problem = $"the gradient of {part.Prefix}{name} holds {bad}"; break; }
                if (FirstNonFinite(p.Data) is float badWeight) { problem = $"the weight {part.Prefix}{name} holds {badWeight}"; break; }
            }
        }
        if (problem is null) return;
        var kept = File.Exists(paths.LastCheckpoint)
            ? $"the last good checkpoint, {Path.GetRelativePath(Environment.CurrentDirectory, paths.LastCheckpoint)}, is unchanged"
            : "no checkpoint had been written yet";
        throw new TrainingStoppedException($"training stopped at step {step} (epoch {epoch}): {problem}; {kept}. Try a lower --lr.");
    }

    private static float? FirstNonFinite(ReadOnlySpan<float> values)
    {
        // A sum is finite exactly when every term is (barring overflow of absurdly large weights).
        if (float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(values))) return null;
        foreach (var v in values)
            if (!float.IsFinite(v)) return v;
        return null;
    }
}
