namespace Trial.Deferreds;

/// <summary>
/// The failure of a deferred that was cancelled (Twisted's <c>CancelledError</c>). It is an
/// <see cref="OperationCanceledException"/>, so code that catches cancellation the .NET way catches it too.
/// </summary>
public sealed class CancelledException : OperationCanceledException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public CancelledException()
        : base("The Deferred was cancelled.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What was cancelled.</param>
    public CancelledException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What was cancelled.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
