namespace Trial.Time;

/// <summary>
/// Thrown when an event loop would run more calls at one instant than its bound
/// (<see cref="Trial.Reactors.EventLoop.MaxCallsPerInstant"/>): typically a zero-delay call that keeps rescheduling
/// itself, which would otherwise hang the test. The call that tripped the bound stays pending, not run.
/// </summary>
public sealed class RunawayCallException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public RunawayCallException()
        : base("Too many calls ran at one virtual instant.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What ran away, naming the call.</param>
    public RunawayCallException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What ran away, naming the call.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public RunawayCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
