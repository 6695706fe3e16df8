namespace Trial.Errors;

/// <summary>
/// An established connection timed out: the peer stopped acknowledging data. An attempt that never connected fails
/// with <see cref="ConnectAttemptTimedOutException"/> instead.
/// </summary>
public sealed class ConnectionTimedOutException : ConnectionLostException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectionTimedOutException()
        : base("The connection timed out.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectionTimedOutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectionTimedOutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
