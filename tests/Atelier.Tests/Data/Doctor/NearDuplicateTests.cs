using Atelier.Data;
using Atelier.Data.Doctor;
using Atelier.Imaging;

namespace Atelier.Tests.Data.Doctor;

public sealed class NearDuplicateTests
{
    private static readonly float[] Digits = Mnist.Train.Images.Data.ToArray();

    private static Image Digit(int index)
    {
        var image = new Image(28, 28, 1);
        var data = Digits.AsSpan(index * 28 * 28, 28 * 28);
        for (int i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = (byte)Math.Round(data[i] * 255);
        return image;
    }

    [Fact]
    public void No_two_distinct_bundled_digits_are_near_duplicates_and_the_search_matches_all_pairs()
    {
        var thumbnails = Enumerable.Range(0, Mnist.Train.Count).Select(i => ImageFingerprint.Thumbnail(Digit(i))).ToList();
        var pairs = NearDuplicates.Pairs(thumbnails, DatasetDoctorOptions.Default.NearThreshold);
        Assert.Empty(pairs);

        // On a subset, the pruned search finds exactly the pairs a comparison of every pair finds (a loose threshold gives some).
        var subset = thumbnails.Take(400).ToList();
        const double loose = 0.5;
        var expected = new List<(int, int)>();
        for (int a = 0; a < subset.Count; a++)
            for (int b = a + 1; b < subset.Count; b++)
                if (ImageFingerprint.Distance(subset[a], subset[b]) <= loose) expected.Add((a, b));
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), NearDuplicates.Pairs(subset, loose).Select(p => (p.A, p.B)).Order());
    }
}
