using System.Buffers.Binary;
using Atelier.Creation;

namespace Atelier.Provenance;

/// <summary>
/// One generated image of a file (the image itself, a grid cell, an animation frame): how its latent was
/// made, the exact latent, and the class it was drawn as (null for an unconditional model).
/// </summary>
public sealed record ProvenanceCell(Recipe Recipe, float[] Latent, int? Class = null, string? ClassName = null)
{
    /// <summary>The class as written in the file: <c>none</c>, <c>2</c> or <c>2 triangle</c>.</summary>
    public string ClassText => Class is int c ? ClassName is null ? $"{c}" : $"{c} {ClassName}" : "none";

    /// <summary>The latent as written in the file: its float32 values, little-endian, in base64.</summary>
    public string LatentText
    {
        get
        {
            var bytes = new byte[4 * Latent.Length];
            for (var i = 0; i < Latent.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), Latent[i]);
            return Convert.ToBase64String(bytes);
        }
    }

    /// <summary>The latent of a <see cref="LatentText"/>, or null when the text is not base64 of whole float32 values.</summary>
    public static float[]? ParseLatent(string text)
    {
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length) || length % 4 != 0 || length == 0) return null;
        var latent = new float[length / 4];
        for (var i = 0; i < latent.Length; i++) latent[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i));
        return latent;
    }

    /// <summary>
    /// The image at fraction <paramref name="t"/> of the spherical path from <paramref name="start"/>'s latent to
    /// <paramref name="end"/>'s, drawn as <paramref name="start"/>'s class: <paramref name="start"/> itself at t = 0, else a slerp of their recipes.
    /// </summary>
    public static ProvenanceCell Between(ProvenanceCell start, ProvenanceCell end, float t) =>
        t == 0 ? start : start with { Recipe = new SlerpRecipe(start.Recipe, end.Recipe, t), Latent = Latents.Slerp(start.Latent, end.Latent, t) };
}
