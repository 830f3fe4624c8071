namespace Atelier.Creation;

/// <summary>
/// The frames of an animation through keyframes: <c>framesPerKey</c> frames from each key towards the next,
/// the first of them on the key itself. An open path ends with a frame on the last key; a loop goes from
/// the last key back towards the first and stops one step short of it, so that playing it again continues
/// as smoothly as any other step (the first key is not shown twice).
/// </summary>
public static class KeyframePath
{
    /// <summary>(keys − 1) × framesPerKey + 1 frames for an open path, keys × framesPerKey for a loop.</summary>
    public static IReadOnlyList<KeyframeStep> Steps(int keys, int framesPerKey, bool loop, Easing easing)
    {
        if (keys < 2) throw new ArgumentException($"an animation needs at least 2 keyframes, got {keys}");
        if (framesPerKey < 1) throw new ArgumentException($"frames per key must be at least 1, got {framesPerKey}");
        var steps = new List<KeyframeStep>();
        var segments = loop ? keys : keys - 1;
        for (var s = 0; s < segments; s++)
        {
            for (var f = 0; f < framesPerKey; f++)
                steps.Add(new KeyframeStep(s, (s + 1) % keys, Ease(f / (float)framesPerKey, easing)));
        }
        if (!loop) steps.Add(new KeyframeStep(keys - 1, keys - 1, 0f));
        return steps;
    }

    private static float Ease(float t, Easing easing) => easing == Easing.Smooth ? t * t * (3 - 2 * t) : t;
}
