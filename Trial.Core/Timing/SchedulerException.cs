namespace Trial.Timing;

/// <summary>
/// A <see cref="Cooperator"/> or one of its tasks was in the wrong state for an operation (Twisted's
/// <c>SchedulerError</c>); the subclasses say which.
/// </summary>
public class SchedulerException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public SchedulerException()
        : base("The cooperator or its task is in the wrong state for this operation.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What was wrong.</param>
    public SchedulerException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public SchedulerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
