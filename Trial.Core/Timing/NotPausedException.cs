namespace Trial.Timing;

/// <summary>A <see cref="CooperativeTask"/> was resumed more often than it was paused (Twisted's <c>NotPaused</c>).</summary>
public sealed class NotPausedException : SchedulerException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public NotPausedException()
        : base("The cooperative task is not paused, so it cannot be resumed.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What was not paused.</param>
    public NotPausedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What was not paused.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public NotPausedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
