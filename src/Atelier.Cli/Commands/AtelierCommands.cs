using System.CommandLine;

namespace Atelier.Cli.Commands;

/// <summary>The atelier command and its subcommands: the one list the program and the tests run.</summary>
public static class AtelierCommands
{
    public static RootCommand Root() => new("Atelier: train GANs and VAEs on your own images, then create with them.")
    {
        DemoCommand.Create(),
        TrainCommand.Create(),
        ResumeCommand.Create(),
        SampleCommand.Create(),
        InterpolateCommand.Create(),
        AnimateCommand.Create(),
        BreedCommand.Create(),
        FavouriteCommand.Create(),
        ProjectCommand.Create(),
        BookmarkCommand.Create(),
        DirectionCommand.Create(),
        StripCommand.Create(),
        SheetCommand.Create(),
        AtlasCommand.Create(),
        InfoCommand.Create(),
        RegenerateCommand.Create(),
        ReconstructCommand.Create(),
        EvaluateCommand.Create(),
        BenchCommand.Create(),
        TrainClassifierCommand.Create(),
        DataCommand.Create(),
    };
}
