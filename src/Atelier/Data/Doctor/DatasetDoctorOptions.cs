namespace Atelier.Data.Doctor;

/// <summary>Settings of <see cref="DatasetDoctor.Check"/>.</summary>
public sealed record DatasetDoctorOptions
{
    /// <summary>Near-duplicate threshold 0.1, 2 threads.</summary>
    public static DatasetDoctorOptions Default { get; } = new();

    /// <summary>
    /// Two images are near duplicates when the distance between their thumbnails is at most this. A thumbnail is the
    /// image in grey, area-resampled to 32x32, minus its mean, scaled to unit length; the distance is the Euclidean
    /// one, sqrt(2 (1 - r)) for the thumbnails' correlation r: 0 for the same picture (also brightness-shifted or
    /// contrast-stretched), about 1.4 for unrelated pictures. 0.1 (r ≥ 0.995) catches re-encoded, slightly brightened
    /// or few-pixel-edited copies (a brightness shift of 20 levels on a digit is 0.025), while the closest two of the
    /// 9,000 distinct bundled MNIST training digits are 0.139 apart.
    /// </summary>
    public double NearThreshold
    {
        get;
        init
        {
            if (!(value >= 0 && value <= 2))
                throw new ArgumentOutOfRangeException(nameof(NearThreshold), $"The near-duplicate threshold is a thumbnail distance from 0 to 2, got {value}; 0.1 is the default, 0 finds exact copies only.");
            field = value;
        }
    } = 0.1;

    /// <summary>Number of files decoded at the same time.</summary>
    public int Threads
    {
        get;
        init
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(Threads), $"Threads must be at least 1, got {value}.");
            field = value;
        }
    } = 2;
}
