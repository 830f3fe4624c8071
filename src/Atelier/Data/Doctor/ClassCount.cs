namespace Atelier.Data.Doctor;

/// <summary>How many images of a class the clean manifest keeps; <see cref="Low"/> when fewer than a third of the mean per class.</summary>
public sealed record ClassCount(string Class, int Images, bool Low);
