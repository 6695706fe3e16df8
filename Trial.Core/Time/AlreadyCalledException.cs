namespace Trial.Time;

/// <summary>Thrown when something that runs or fires once is asked to act after it already has.</summary>
public sealed class AlreadyCalledException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public AlreadyCalledException()
        : base("The call has already run.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What had already been called.</param>
    public AlreadyCalledException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What had already been called.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public AlreadyCalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
