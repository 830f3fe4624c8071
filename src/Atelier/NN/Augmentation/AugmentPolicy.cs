namespace Atelier.NN.Augmentation;

/// <summary>The transforms <see cref="DiffAugment"/> applies; parse and format them with <see cref="DiffAugment.Parse"/> and <see cref="DiffAugment.Format"/>.</summary>
[Flags]
public enum AugmentPolicy
{
    None = 0,
    Flip = 1,
    Translation = 2,
    Color = 4,
    Cutout = 8,
}
