namespace Atelier.Imaging;

/// <summary>
/// Conversions between grey, RGB and RGBA images. Alpha is removed by compositing over a uniform
/// grey background, black (0) unless told otherwise: generated images then match the usual
/// "light object on a dark ground" of datasets such as MNIST. Results are always new images.
/// </summary>
public static class ImageChannels
{
    // ITU-R BT.601 luma weights.
    private const float RedWeight = 0.299f, GreenWeight = 0.587f, BlueWeight = 0.114f;

    /// <summary>
    /// A one-channel copy of <paramref name="image"/>: grey is copied; colour becomes its BT.601 luma
    /// 0.299 R + 0.587 G + 0.114 B; alpha is composited over <paramref name="background"/>. Rounded to nearest.
    /// </summary>
    public static Image ToGrey(Image image, byte background = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        var output = new Image(image.Width, image.Height, 1);
        var source = image.Pixels;
        var target = output.Pixels;
        switch (image.Channels)
        {
            case 1:
                source.CopyTo(target, 0);
                break;
            case 3:
                for (int i = 0, p = 0; i < target.Length; i++, p += 3)
                    target[i] = Round(Luma(source[p], source[p + 1], source[p + 2]));
                break;
            default:
                for (int i = 0, p = 0; i < target.Length; i++, p += 4)
                    target[i] = Round(Composite(Luma(source[p], source[p + 1], source[p + 2]), source[p + 3], background));
                break;
        }
        return output;
    }

    /// <summary>
    /// A three-channel copy of <paramref name="image"/>: grey is replicated into R, G and B; RGB is
    /// copied; alpha is composited over <paramref name="background"/> (rounded to nearest).
    /// </summary>
    public static Image ToRgb(Image image, byte background = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        var output = new Image(image.Width, image.Height, 3);
        var source = image.Pixels;
        var target = output.Pixels;
        switch (image.Channels)
        {
            case 1:
                for (int i = 0; i < source.Length; i++)
                    target[3 * i] = target[3 * i + 1] = target[3 * i + 2] = source[i];
                break;
            case 3:
                source.CopyTo(target, 0);
                break;
            default:
                for (int p = 0, q = 0; q < target.Length; p += 4, q += 3)
                {
                    byte alpha = source[p + 3];
                    for (int c = 0; c < 3; c++)
                        target[q + c] = Round(Composite(source[p + c], alpha, background));
                }
                break;
        }
        return output;
    }

    /// <summary>Converts to <paramref name="channels"/> (1 = grey, 3 = RGB) with <see cref="ToGrey"/> or <see cref="ToRgb"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is neither 1 nor 3.</exception>
    public static Image Convert(Image image, int channels, byte background = 0) => channels switch
    {
        1 => ToGrey(image, background),
        3 => ToRgb(image, background),
        _ => throw new ArgumentOutOfRangeException(nameof(channels), $"Channels must be 1 (grey) or 3 (RGB), got {channels}."),
    };

    private static float Luma(byte red, byte green, byte blue) => RedWeight * red + GreenWeight * green + BlueWeight * blue;

    private static float Composite(float value, byte alpha, byte background) => (value * alpha + background * (255 - alpha)) / 255f;

    private static byte Round(float value) => value >= 255 ? (byte)255 : (byte)(value + 0.5f);
}
