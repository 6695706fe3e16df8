namespace Trial.Timing;

/// <summary>
/// The <see cref="Cooperator"/> was stopped (Twisted's <c>SchedulerStopped</c>): the failure of tasks that were
/// running or added after the stop, and what their operations throw afterwards.
/// </summary>
public sealed class SchedulerStoppedException : SchedulerException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public SchedulerStoppedException()
        : base("The Cooperator was stopped.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What was stopped.</param>
    public SchedulerStoppedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What was stopped.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public SchedulerStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
