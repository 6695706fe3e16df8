using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a simulated test, carrying its own failure with what replays it: the seed, the command, the trace tail and where the whole trace was written.</summary>
public sealed class SimulationFailedException : XunitException
{
    private readonly string? _stackTrace;

    /// <summary>Initializes a new instance that shows <paramref name="stackTrace"/> (the original failure's) as its own.</summary>
    /// <param name="message">The original failure's message followed by the replay report.</param>
    /// <param name="stackTrace">The original failure's stack trace.</param>
    internal SimulationFailedException(string message, string? stackTrace)
        : base(message) => _stackTrace = stackTrace;

    /// <inheritdoc/>
    public override string? StackTrace => _stackTrace ?? base.StackTrace;
}
