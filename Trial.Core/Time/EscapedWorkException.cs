namespace Trial.Time;

/// <summary>
/// Thrown when a virtual clock was about to move time but work that escaped to the thread pool (<c>Task.Run</c>,
/// continuations forced off the loop) was still running after the wall-clock bound
/// (<see cref="Trial.Reactors.EventLoop.EscapedWorkTimeout"/>). The message says what was still running.
/// </summary>
public sealed class EscapedWorkException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public EscapedWorkException()
        : base("Work that escaped to the thread pool did not finish.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What was still running.</param>
    public EscapedWorkException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What was still running.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public EscapedWorkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
