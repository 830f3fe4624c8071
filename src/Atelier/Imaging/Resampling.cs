namespace Atelier.Imaging;

/// <summary>How <see cref="Resize.To"/> computes a resized image.</summary>
public enum Resampling
{
    /// <summary><see cref="Resize.Area"/>: area averaging when shrinking (no aliasing), bilinear when growing.</summary>
    Area,

    /// <summary><see cref="Resize.Bilinear"/>: bilinear interpolation both ways.</summary>
    Bilinear,
}
