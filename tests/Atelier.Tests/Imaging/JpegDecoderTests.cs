using Atelier.Imaging;
using Atelier.Imaging.Jpeg;

namespace Atelier.Tests.Imaging;

/// <summary>
/// The fixtures and their reference pixels (as libjpeg decodes them, through Pillow) are written by
/// tools/golden/make_jpeg_fixtures.py.
/// </summary>
public sealed class JpegDecoderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Imaging", "Fixtures", "Jpeg", name);

    [Theory]
    [InlineData("grey", 1, 2)]
    [InlineData("ycbcr444", 3, 2)]
    [InlineData("ycbcr422", 3, 3)]
    [InlineData("ycbcr420-exif", 3, 3)]
    [InlineData("ycbcr440-restart", 3, 3)]
    [InlineData("ycbcr420-scans", 3, 3)]
    public void Sequential_files_match_libjpeg_within_a_few_levels(string name, int channels, int tolerance)
    {
        var reference = PngDecoder.Decode(Fixture(name + ".png"));

        var image = JpegDecoder.Decode(File.ReadAllBytes(Fixture(name + ".jpg")), PngLimits.Default, useTurboJpeg: false);

        Assert.Equal((37, 29, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(channels, reference.Channels);
        int worst = MaxDifference(image, reference);
        Assert.InRange(worst, 0, tolerance);
    }

    [Fact]
    public void A_progressive_file_needs_turbojpeg_and_says_which_package_to_install()
    {
        byte[] data = File.ReadAllBytes(Fixture("progressive.jpg"));

        var error = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data, PngLimits.Default, useTurboJpeg: false));
        Assert.Equal("progressive JPEG needs the TurboJPEG library: install the Debian package libturbojpeg0 (apt-get install libturbojpeg0)", error.Message);
    }

    [Fact]
    public void A_progressive_file_decodes_through_turbojpeg_when_installed_else_names_the_package()
    {
        byte[] data = File.ReadAllBytes(Fixture("progressive.jpg"));
        if (!TurboJpeg.IsAvailable)
        {
            Assert.Contains("install the Debian package libturbojpeg0", Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data)).Message);
            return;
        }

        var image = JpegDecoder.Decode(data);

        var reference = PngDecoder.Decode(Fixture("progressive.png"));
        Assert.Equal((37, 29, 3), (image.Width, image.Height, image.Channels));
        Assert.InRange(MaxDifference(image, reference), 0, 1);
    }

    [Fact]
    public void Every_truncation_is_an_image_format_error()
    {
        byte[] data = File.ReadAllBytes(Fixture("ycbcr420-exif.jpg"));

        for (int length = 0; length < data.Length - 2; length++)
            Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data.AsSpan(0, length)));
    }

    [Fact]
    public void Corrupted_bytes_give_image_format_errors_or_an_image_never_another_exception()
    {
        byte[] original = File.ReadAllBytes(Fixture("ycbcr440-restart.jpg"));
        var random = new Random(17);
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] data = (byte[])original.Clone();
            for (int k = 0; k < 3; k++)
                data[random.Next(2, data.Length)] = (byte)random.Next(256);
            try
            {
                JpegDecoder.Decode(data);
            }
            catch (ImageFormatException)
            {
            }
        }
    }

    [Fact]
    public void A_frame_larger_than_the_limits_is_rejected_before_decoding()
    {
        byte[] data = File.ReadAllBytes(Fixture("grey.jpg"));
        var limits = new PngLimits { MaxWidth = 36 };

        Assert.Contains("image width 37 exceeds the limit of 36", Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data, limits)).Message);
    }

    [Fact]
    public void Four_component_files_are_rejected_as_cmyk()
    {
        // SOI, then an SOF0 for 1x1 pixels with 4 components.
        byte[] data = [0xFF, 0xD8, 0xFF, 0xC0, 0, 20, 8, 0, 1, 0, 1, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0, 0xFF, 0xD9];

        Assert.Contains("CMYK/YCCK JPEG is not supported", Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data)).Message);
    }

    [Fact]
    public void A_huge_frame_with_little_data_is_rejected_before_allocating()
    {
        // The grey fixture with its frame size raised to 16000 x 4000 (within the limits).
        byte[] data = File.ReadAllBytes(Fixture("grey.jpg"));
        int sof = data.AsSpan().IndexOf(new byte[] { 0xFF, 0xC0 });
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(sof + 5), 4000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(sof + 7), 16000);

        var error = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data));

        Assert.Contains("16000x4000 pixels need 1000000 blocks but only", error.Message);
    }

    private static int MaxDifference(Image a, Image b)
    {
        Assert.Equal(b.Pixels.Length, a.Pixels.Length);
        int worst = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
            worst = Math.Max(worst, Math.Abs(a.Pixels[i] - b.Pixels[i]));
        return worst;
    }
}
