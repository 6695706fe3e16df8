namespace Trial.Cli;

/// <summary>The command's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing failed or errored.</summary>
    public const int Passed = 0;

    /// <summary>A test failed or errored, a project did not build, or an assembly had no tests.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments: the message says what was wrong, followed by the usage.</summary>
    public const int BadArguments = 2;
}
