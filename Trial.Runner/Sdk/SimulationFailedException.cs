using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a simulated test, carrying its own failure with what replays it: the seed, the command, the trace tail and where the whole trace was written.</summary>
public sealed class SimulationFailedException : XunitException
{
    private readonly string? _stackTrace;

    /// <summary>Initializes a new instance with a default message.</summary>
    public SimulationFailedException()
        : base("The simulated test failed.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public SimulationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public SimulationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance that shows <paramref name="stackTrace"/> (the original failure's) as its own.</summary>
    /// <param name="message">The original failure's message followed by the replay report.</param>
    /// <param name="stackTrace">The original failure's stack trace.</param>
    internal SimulationFailedException(string message, string? stackTrace)
        : base(message) => _stackTrace = stackTrace;

    /// <inheritdoc/>
    public override string? StackTrace => _stackTrace ?? base.StackTrace;
}
