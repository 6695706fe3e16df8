namespace Trial.Errors;

/// <summary>The connection attempt did not complete within its timeout (for instance across a partition).</summary>
public sealed class ConnectTimeoutException : ConnectException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectTimeoutException()
        : base("The connection attempt timed out.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
