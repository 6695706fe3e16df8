namespace Trial.Cli;

/// <summary>
/// Bad input the user can fix: the message says what was wrong and is printed as it is, never with a
/// stack. <see cref="ExitCode"/> is 2 for bad arguments (the usage follows the message) and 1 for
/// input that was well formed but could not run (a project that does not build, no tests).
/// </summary>
internal sealed class TrialInputException(string message, int exitCode = ExitCodes.BadArguments) : Exception(message)
{
    /// <summary>The exit code the command ends with.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Whether the usage should follow the message.</summary>
    public bool ShowUsage => ExitCode == ExitCodes.BadArguments;
}
