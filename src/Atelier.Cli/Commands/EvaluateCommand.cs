using System.CommandLine;
using Atelier.Evaluation;
using Atelier.Training;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier evaluate RUN_DIR|CHECKPOINT [--n N] [--seed S] [--data DATA]</c>: classifier-feature FID and, for conditional models, class agreement.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run directory or a checkpoint file." };
        var count = new Option<int>("--n") { Description = "Number of generated images (default 1000).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the latent vectors (default 123).", DefaultValueFactory = _ => 123 };
        var data = new Option<string?>("--data") { Description = "The real images to compare with (default: the run's own data, held-out part)." };
        var command = new Command("evaluate", "Judge a model's samples with a classifier of its data: feature FID against held-out images, class agreement for conditional models.") { source, count, seed, data };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n is < 2 or > 50_000) throw new UserException($"--n must be between 2 and 50000, got {n}");
            var (model, config, _) = ModelLoader.Load(parse.GetValue(source)!);
            var trainingData = Common.UserErrors(() => parse.GetValue(data) is string other ? TrainingData.Load(other, model.Spec) : TrainingRun.LoadData(config, model.Spec, forTraining: false));
            var result = Common.UserErrors(() => SampleEvaluation.Measure(model, trainingData, n, parse.GetValue(seed)));
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{model.Spec.Name} on {trainingData.Description}, {result.Samples} samples, judged by {result.Classifier}" +
                (double.IsNaN(result.ClassifierAccuracy) ? "" : $" ({result.ClassifierAccuracy:P1} on held-out images)"));
            output.WriteLine($"classifier-feature FID: {result.ClassifierFid:0.00} (lower is closer to the held-out images)");
            var (fake, real) = (result.Recognition, result.RealRecognition);
            output.WriteLine($"recognised: {fake.ConfidentShare:P1} of samples classified with probability ≥ {SampleRecognition.ConfidentProbability} " +
                $"(held-out real images: {real.ConfidentShare:P1}); {fake.ClassesCovered()} of {fake.ClassShares.Length} classes each given at least 4% of samples");
            if (result.ClassAgreement is double agreement) output.WriteLine($"class agreement: {agreement:P1} of samples are classified as the class asked for");
            return CommandRunner.Success;
        });
        return command;
    }
}
