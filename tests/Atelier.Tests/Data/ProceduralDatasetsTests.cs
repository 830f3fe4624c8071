using Atelier.Data;
using Atelier.Data.Procedural;

namespace Atelier.Tests.Data;

public sealed class ProceduralDatasetsTests
{
    public static TheoryData<string> Names => ["shapes", "patterns"];

    private static LabelledImages Generate(string name, int count, int size, long seed) =>
        name == "shapes" ? Shapes.Generate(count, size, seed) : Patterns.Generate(count, size, seed);

    [Theory]
    [MemberData(nameof(Names))]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_images(string name)
    {
        var first = Generate(name, 12, 16, seed: 7);
        var again = Generate(name, 12, 16, seed: 7);
        var other = Generate(name, 12, 16, seed: 8);

        Assert.Equal(first.Images.Data.ToArray(), again.Images.Data.ToArray());
        Assert.Equal(first.Labels, again.Labels);
        Assert.NotEqual(first.Images.Data.ToArray(), other.Images.Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Image_i_depends_only_on_the_seed_and_i(string name)
    {
        var few = Generate(name, 7, 12, seed: 3);
        var many = Generate(name, 20, 12, seed: 3);

        Assert.Equal(few.Images.Data.ToArray(), many.Images.Data[..few.Images.Data.Length].ToArray());
        Assert.Equal(few.Labels, many.Labels![..7]);
    }

    [Theory]
    [InlineData("shapes", 5)]
    [InlineData("patterns", 6)]
    public void Labels_are_balanced_and_values_lie_in_the_unit_range(string name, int classes)
    {
        var data = Generate(name, 203, 8, seed: 1);

        Assert.Equal(new[] { 203, 3, 8, 8 }, data.Images.Shape);
        Assert.Equal(classes, ProceduralDatasets.ClassNames(name).Count);
        var counts = Enumerable.Range(0, classes).Select(c => data.Labels!.Count(l => l == c)).ToArray();
        Assert.All(counts, n => Assert.InRange(n, 203 / classes, 203 / classes + 1));
        foreach (float v in data.Images.Data)
            Assert.InRange(v, 0f, 1f);
    }

    // Area / (mean squared distance from the centroid) is independent of position, size and rotation:
    // circle 2 pi, square 6, equilateral triangle 3 sqrt 3 = 5.20, the plus sign (arms 0.6 x 1.9) 5.03,
    // the ring (inner radius 0.55) 2 pi (1 - 0.55^2) / (1 + 0.55^2) = 3.36.
    [Fact]
    public void Each_shape_has_the_area_to_spread_ratio_of_its_geometry()
    {
        double[] expected = [2 * Math.PI, 6, 3 * Math.Sqrt(3), 5.03, 2 * Math.PI * (1 - 0.3025) / 1.3025];
        var data = Shapes.Generate(250, 48, seed: 11);
        var ratios = Enumerable.Range(0, 5).Select(_ => new List<double>()).ToArray();
        for (int i = 0; i < data.Count; i++)
        {
            if (AreaToSpread(data.Images, i) is double ratio)
                ratios[data.Labels![i]].Add(ratio);
        }
        for (int c = 0; c < 5; c++)
        {
            Assert.True(ratios[c].Count >= 15, $"{Shapes.ClassNames[c]}: only {ratios[c].Count} plain-background images");
            Assert.InRange(ratios[c].Average(), expected[c] * 0.985, expected[c] * 1.015);
        }
    }

    // The shape mask of a plain-background image (all four corners equal): pixels whose luma is
    // nearer the shape's than the background's. Null for gradient backgrounds.
    private static double? AreaToSpread(Tensor images, int index)
    {
        int size = images.Dim(2);
        float Luma(int x, int y) => 0.299f * images[index, 0, y, x] + 0.587f * images[index, 1, y, x] + 0.114f * images[index, 2, y, x];
        float corner = Luma(0, 0);
        if (Luma(size - 1, 0) != corner || Luma(0, size - 1) != corner || Luma(size - 1, size - 1) != corner)
            return null;
        float shape = corner;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                if (Math.Abs(Luma(x, y) - corner) > Math.Abs(shape - corner))
                    shape = Luma(x, y);
        Assert.True(Math.Abs(shape - corner) >= 0.25f - 1e-4f, $"image {index}: shape luma {shape} too close to background {corner}");

        var points = new List<(double X, double Y)>();
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                if (Math.Abs(Luma(x, y) - corner) > Math.Abs(shape - corner) / 2)
                    points.Add((x, y));
        double cx = points.Average(p => p.X), cy = points.Average(p => p.Y);
        double spread = points.Average(p => (p.X - cx) * (p.X - cx) + (p.Y - cy) * (p.Y - cy));
        return points.Count / spread;
    }

    [Fact]
    public void Every_pattern_class_has_its_own_look()
    {
        // Each class's mean over many images of simple statistics (share of the most common colour,
        // share of pixels that differ from their right and lower neighbours) is far from every other class's.
        var data = Patterns.Generate(300, 32, seed: 5);
        var features = new List<double[]>[6];
        for (int c = 0; c < 6; c++)
            features[c] = [];
        for (int i = 0; i < data.Count; i++)
            features[data.Labels![i]].Add(PatternFeatures(data.Images, i));
        var means = features.Select(f => Enumerable.Range(0, 3).Select(k => f.Average(v => v[k])).ToArray()).ToArray();
        for (int a = 0; a < 6; a++)
        {
            for (int b = a + 1; b < 6; b++)
            {
                double distance = Math.Sqrt(Enumerable.Range(0, 3).Sum(k => (means[a][k] - means[b][k]) * (means[a][k] - means[b][k])));
                Assert.True(distance > 0.03, $"{Patterns.ClassNames[a]} and {Patterns.ClassNames[b]} look alike: {distance:F3}");
            }
        }
    }

    private static double[] PatternFeatures(Tensor images, int index)
    {
        int size = images.Dim(2);
        (int, int, int) Colour(int x, int y) => ((int)(images[index, 0, y, x] * 50), (int)(images[index, 1, y, x] * 50), (int)(images[index, 2, y, x] * 50));
        var counts = new Dictionary<(int, int, int), int>();
        int horizontal = 0, vertical = 0;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                var colour = Colour(x, y);
                counts[colour] = counts.GetValueOrDefault(colour) + 1;
                if (x + 1 < size && Colour(x + 1, y) != colour) horizontal++;
                if (y + 1 < size && Colour(x, y + 1) != colour) vertical++;
            }
        }
        double pixels = size * size;
        return [counts.Values.Max() / pixels, Math.Max(horizontal, vertical) / pixels, Math.Min(horizontal, vertical) / pixels];
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_a_clear_message()
    {
        Assert.Contains("at least 8x8", Assert.Throws<ArgumentOutOfRangeException>(() => Shapes.Generate(4, 7, 0)).Message);
        Assert.Contains("at least 1, got 0", Assert.Throws<ArgumentOutOfRangeException>(() => Patterns.Generate(0, 16, 0)).Message);
        Assert.Contains("Channels must be 1", Assert.Throws<ArgumentOutOfRangeException>(() => ProceduralDatasets.Generate(new ProceduralDataSettings("shapes", 2), 8, 4)).Message);
    }

    [Theory]
    [InlineData("shapes", "shapes", 6000, 0L)]
    [InlineData("patterns:count=50,seed=-7", "patterns", 50, -7L)]
    [InlineData("shapes:seed=3", "shapes", 6000, 3L)]
    public void Data_arguments_are_parsed(string data, string name, int count, long seed)
    {
        Assert.True(ProceduralDatasets.IsProcedural(data));
        Assert.Equal(new ProceduralDataSettings(name, count, seed), ProceduralDatasets.Parse(data));
    }

    [Theory]
    [InlineData("shapes:size=4", "unknown setting 'size'; valid settings are count=, seed=")]
    [InlineData("shapes:count=1", "count must be a whole number of at least 2")]
    [InlineData("shapes:count=many", "count must be a whole number of at least 2 (images for training and held out), got 'many'")]
    [InlineData("patterns:seed=1.5", "seed must be a whole number, got '1.5'")]
    [InlineData("patterns:seed=1,seed=2", "the setting 'seed' is given twice")]
    [InlineData("blobs", "'blobs' is not a procedural dataset; use one of: shapes, patterns")]
    public void Bad_data_arguments_name_the_valid_settings(string data, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ProceduralDatasets.Parse(data));
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Grey_images_are_the_bt601_luma_of_the_colour_images()
    {
        var settings = new ProceduralDataSettings("shapes", 3, 9);
        var colour = ProceduralDatasets.Generate(settings, 8);
        var grey = ProceduralDatasets.Generate(settings, 8, channels: 1);

        Assert.Equal(new[] { 3, 1, 8, 8 }, grey.Images.Shape);
        Assert.Equal(colour.Labels, grey.Labels);
        var c = colour.Images;
        Assert.Equal(0.299f * c[2, 0, 5, 3] + 0.587f * c[2, 1, 5, 3] + 0.114f * c[2, 2, 5, 3], grey.Images[2, 0, 5, 3], 1e-6f);
    }
}
