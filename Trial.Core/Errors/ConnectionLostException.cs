namespace Trial.Errors;

/// <summary>The connection ended in a non-clean fashion; data in flight may have been lost.</summary>
public class ConnectionLostException : ConnectionClosedException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectionLostException()
        : base("The connection was lost in a non-clean fashion.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectionLostException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
