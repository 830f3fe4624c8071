using Atelier.Data;
using Atelier.Evaluation;
using Atelier.Models;

namespace Atelier.Tests.Evaluation;

/// <summary>
/// The offline FID and KID (bundled digit classifier's features, against 1,000 held-out digits) rank image sets the way
/// an eye would: real training digits, then a trained reduced dcgan's samples (width 16, 400 steps), then the same
/// model's samples after 20 steps, then uniform noise.
/// </summary>
public sealed class FidRankingTests
{
    private const int Samples = 500;

    [Fact]
    public void Real_digits_beat_a_trained_dcgan_which_beats_an_early_one_which_beats_noise()
    {
        var classifier = ImageClassifier.BundledDigits();
        var heldOut = classifier.Features(Mnist.HeldOut.Images); // (1000, 64)
        var sets = new List<(string Name, Tensor Images)> { ("real training digits", Mnist.Train.Images.Slice(0, 0, Samples).Copy()) };

        var random = new Generator(4);
        var model = ModelCatalog.Create("dcgan", new ModelOptions { Width = 16 }, random);
        var loader = new DataLoader(Mnist.Train, batchSize: 64);
        Tensor Samples500() => model.Generate(model.SampleLatents(Samples, new Generator(99)));
        var steps = 0;
        Tensor? early = null;
        model.SetTraining(true);
        for (var epoch = 0; steps < 400; epoch++)
            foreach (var batch in loader.Epoch(new Generator(epoch)))
            {
                model.TrainStep(batch.Images, null, random);
                if (++steps == 20) early = Samples500();
                if (steps == 400) break;
            }
        sets.Add(("dcgan after 400 steps", Samples500()));
        sets.Add(("dcgan after 20 steps", early!));
        sets.Add(("uniform noise", Tensor.Uniform([Samples, 1, 28, 28], new Generator(7))));

        var scores = sets.Select(s =>
        {
            var features = classifier.Features(s.Images);
            var fid = FrechetDistance.Between(FrechetDistance.Statistics(heldOut.Data, 1000, 64), FrechetDistance.Statistics(features.Data, Samples, 64));
            return (s.Name, Fid: fid, Kid: KernelDistance.Between(heldOut, features, blocks: 5).Value);
        }).ToList();
        var table = string.Join("; ", scores.Select(s => $"{s.Name}: FID {s.Fid:0.00}, KID {s.Kid:0.0000}"));
        for (var i = 1; i < scores.Count; i++)
        {
            Assert.True(scores[i - 1].Fid < scores[i].Fid, $"FID out of order: {table}");
            Assert.True(scores[i - 1].Kid < scores[i].Kid, $"KID out of order: {table}");
        }
    }
}
