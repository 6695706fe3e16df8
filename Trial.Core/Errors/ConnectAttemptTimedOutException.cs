namespace Trial.Errors;

/// <summary>
/// A connection attempt did not complete within its timeout (for instance across a partition), so no connection was
/// made; a client factory's <c>ClientConnectionFailed</c> receives it. A connection that was made and then stopped
/// answering ends with <see cref="ConnectionTimedOutException"/> instead.
/// </summary>
public sealed class ConnectAttemptTimedOutException : ConnectException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectAttemptTimedOutException()
        : base("The connection attempt timed out.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectAttemptTimedOutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectAttemptTimedOutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
