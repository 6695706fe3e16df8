namespace Trial.Errors;

/// <summary>The peer reset the connection (it aborted, crashed, or the network reset it).</summary>
public sealed class ConnectionResetException : ConnectionLostException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectionResetException()
        : base("The connection was reset by the peer.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectionResetException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectionResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
