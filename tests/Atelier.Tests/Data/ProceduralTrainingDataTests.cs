using Atelier.Data;
using Atelier.Models;
using Atelier.Training;

namespace Atelier.Tests.Data;

public sealed class ProceduralTrainingDataTests
{
    private static ModelSpec Spec(int channels, int size) =>
        new("test", ModelFamily.Gan, "a test model", LatentDim: 8, channels, size, DefaultBatch: 16, DefaultLearningRate: 1e-3f);

    [Fact]
    public void Shapes_with_settings_split_one_in_six_and_name_the_classes()
    {
        var data = TrainingData.Load("shapes:count=60,seed=4", Spec(3, 8));

        Assert.Equal(new[] { 50, 3, 8, 8 }, data.Train.Images.Shape);
        Assert.Equal(10, data.HeldOut.Count);
        Assert.Equal(new[] { "circle", "square", "triangle", "cross", "ring" }, data.ClassNames);
        Assert.Contains("50 train / 10 held out", data.Description);
        // Held out = the last images of the same generated set.
        var all = Atelier.Data.Procedural.Shapes.Generate(60, 8, 4);
        Assert.Equal(all.Images.Data[(50 * 192)..].ToArray(), data.HeldOut.Images.Data.ToArray());
    }

    [Fact]
    public void A_grey_model_gets_grey_patterns()
    {
        var data = TrainingData.Load("patterns:count=12", Spec(1, 16));

        Assert.Equal(new[] { 10, 1, 16, 16 }, data.Train.Images.Shape);
        Assert.Equal(6, data.ClassNames.Count);
    }

    [Fact]
    public void Mnist_names_its_digit_classes()
    {
        var data = TrainingData.Load("mnist", Spec(1, 28));

        Assert.Equal(Enumerable.Range(0, 10).Select(d => d.ToString()), data.ClassNames);
    }

    [Fact]
    public void An_unknown_setting_is_a_one_line_error()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingData.Load("shapes:colour=red", Spec(3, 8)));
        Assert.Contains("unknown setting 'colour'; valid settings are count=, seed=", error.Message);
    }
}
