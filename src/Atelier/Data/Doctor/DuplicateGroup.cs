namespace Atelier.Data.Doctor;

/// <summary>
/// Images that show the same picture: <see cref="Files"/> in ordinal order of their paths, the first kept and the
/// others dropped from the manifest. <see cref="Exact"/> when every image has the same decoded pixels (whatever the
/// file format); otherwise near duplicates, whose <see cref="MaxDistance"/> is the largest thumbnail distance from
/// the kept image (see <see cref="DatasetDoctorOptions.NearThreshold"/>).
/// </summary>
public sealed record DuplicateGroup(bool Exact, IReadOnlyList<string> Files, double MaxDistance)
{
    /// <summary>The image kept for training.</summary>
    public string Kept => Files[0];

    /// <summary>The images left out of the manifest.</summary>
    public IEnumerable<string> Dropped => Files.Skip(1);
}
