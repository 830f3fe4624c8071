namespace Atelier.Creation;

/// <summary>One frame of a keyframe animation: the point at fraction <c>T</c> (already eased) of the way from key <c>From</c> to key <c>To</c>.</summary>
public readonly record struct KeyframeStep(int From, int To, float T);
