namespace Atelier.Creation;

/// <summary>How an animation moves between two keyframes: at constant speed, or slowing into and out of each key.</summary>
public enum Easing
{
    Linear,

    /// <summary>Smoothstep, t² (3 − 2t): zero speed at every key, so the motion pauses softly on each one.</summary>
    Smooth,
}
