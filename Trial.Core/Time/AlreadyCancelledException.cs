namespace Trial.Time;

/// <summary>Thrown when a cancelled call is cancelled, reset or delayed again.</summary>
public sealed class AlreadyCancelledException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public AlreadyCancelledException()
        : base("The call was already cancelled.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What had already been cancelled.</param>
    public AlreadyCancelledException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What had already been cancelled.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public AlreadyCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
