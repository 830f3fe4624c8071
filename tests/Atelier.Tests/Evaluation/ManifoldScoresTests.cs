using Atelier.Evaluation;

namespace Atelier.Tests.Evaluation;

public sealed class ManifoldScoresTests
{
    private static Tensor Points(params float[] values) => Tensor.FromArray(values, values.Length, 1);

    [Fact]
    public void One_dimensional_example_by_hand()
    {
        // Real 0..4, each ball (k = 1) of radius 1. Fake 0.5 lies in the balls of 0 and 1; fake 10 in none.
        // Precision 1/2. Each fake's ball reaches the other fake, radius 9.5: the ball around 0.5 holds every real, recall 1.
        // Density: 2 memberships / (k 1 x 2 fakes) = 1. Coverage: the balls of 0 and 1 hold a fake: 2 of 5.
        var scores = ManifoldScores.Measure(Points(0, 1, 2, 3, 4), Points(0.5f, 10), precisionRecallK: 1, densityCoverageK: 1);
        Assert.Equal(new ManifoldScores(0.5, 1.0, 1, 1.0, 0.4, 1), scores);
    }

    [Fact]
    public void Identical_sets_are_fully_precise_and_covered_and_far_sets_not_at_all()
    {
        var random = new Generator(3);
        var real = Tensor.Normal([200, 5], random);
        var same = ManifoldScores.Measure(real, real);
        // Each point lies in its own ball and in its k = 5 neighbours' balls' count for itself: every real ball holds
        // itself and its 5 nearest, so memberships total 6 per point and density is 6 / 5.
        Assert.Equal((1.0, 1.0, 1.0), (same.Precision, same.Recall, same.Coverage));
        Assert.Equal(6.0 / 5.0, same.Density, 1e-12);

        var far = ManifoldScores.Measure(real, Tensor.Normal([200, 5], random) + 100f);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (far.Precision, far.Recall, far.Density, far.Coverage));
    }

    [Fact]
    public void Samples_from_one_mode_are_precise_but_recall_and_coverage_fall()
    {
        var random = new Generator(4);
        var modes = new float[400];
        for (var i = 0; i < 400; i++) modes[i] = (i % 2 == 0 ? -5f : 5f) + random.NextNormal() * 0.5f;
        var oneMode = new float[200];
        for (var i = 0; i < 200; i++) oneMode[i] = 5f + random.NextNormal() * 0.5f;
        var scores = ManifoldScores.Measure(Tensor.FromArray(modes, 400, 1), Tensor.FromArray(oneMode, 200, 1));
        Assert.True(scores.Precision > 0.9, $"precision {scores.Precision}");
        Assert.InRange(scores.Recall, 0.35, 0.55);
        Assert.InRange(scores.Coverage, 0.35, 0.55);
    }
}
