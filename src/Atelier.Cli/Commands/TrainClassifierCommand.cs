using System.CommandLine;
using Atelier.Data;
using Atelier.Evaluation;

namespace Atelier.Cli.Commands;

/// <summary>
/// <c>atelier train-classifier --out FILE</c>: trains the digit classifier that judges generated digits
/// (this is how data/classifier/digits.safetensors was made) and reports its held-out accuracy.
/// </summary>
public static class TrainClassifierCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The safetensors file to write.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed (default 2024, the bundled weights').", DefaultValueFactory = _ => 2024 };
        var command = new Command("train-classifier", "Train the MNIST digit classifier used to evaluate generated digits.") { output, seed };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(output)!;
            Output.EnsureParent(target);
            var classifier = ImageClassifier.Train(Mnist.Train, parse.GetValue(seed));
            classifier.Save(target);
            parse.InvocationConfiguration.Output.WriteLine($"Held-out accuracy {classifier.Accuracy(Mnist.HeldOut):P2}; wrote {target}");
            return CommandRunner.Success;
        });
        return command;
    }
}
