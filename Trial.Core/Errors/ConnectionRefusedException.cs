namespace Trial.Errors;

/// <summary>Nothing listens at the address: the peer refused the connection.</summary>
public sealed class ConnectionRefusedException : ConnectException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectionRefusedException()
        : base("The connection was refused.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectionRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
