namespace Trial.Errors;

/// <summary>The reason an established connection ended; the base of every disconnect reason a protocol's <c>ConnectionLost</c> receives.</summary>
public class ConnectionClosedException : Exception
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectionClosedException()
        : base("The connection was closed.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectionClosedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectionClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
