using System.CommandLine;
using Atelier.Cli;
using Atelier.Cli.Commands;

var root = new RootCommand("Atelier: train GANs and VAEs on your own images, then create with them.")
{
    DemoCommand.Create(),
    TrainCommand.Create(),
    ResumeCommand.Create(),
    SampleCommand.Create(),
    InterpolateCommand.Create(),
    ReconstructCommand.Create(),
    BenchCommand.Create(),
    EvaluateCommand.Create(),
    TrainClassifierCommand.Create(),
};
return CommandRunner.Run(root, args, Console.Out, Console.Error);
