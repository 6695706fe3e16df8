namespace Trial.Errors;

/// <summary>This side aborted the connection with <c>AbortConnection</c>; unsent data was dropped.</summary>
public sealed class ConnectionAbortedException : ConnectionLostException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectionAbortedException()
        : base("The connection was aborted.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectionAbortedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectionAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
