namespace Trial.Errors;

/// <summary>The connection was closed cleanly: every byte was delivered, then the peer or this side closed it.</summary>
public sealed class ConnectionDoneException : ConnectionClosedException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectionDoneException()
        : base("The connection was closed cleanly.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectionDoneException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectionDoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
