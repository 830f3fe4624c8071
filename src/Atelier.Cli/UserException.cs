namespace Atelier.Cli;

/// <summary>A problem with what the user asked for (bad flag value, missing file); reported as one line, exit code 1.</summary>
public sealed class UserException(string message) : Exception(message);
