using Atelier.Cli;
using Atelier.Cli.Commands;

return CommandRunner.Run(AtelierCommands.Root(), args, Console.Out, Console.Error);
