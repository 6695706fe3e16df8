namespace Trial.Errors;

/// <summary>A connection attempt failed; the base of every reason a client factory's <c>ClientConnectionFailed</c> receives.</summary>
public class ConnectException : Exception
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ConnectException()
        : base("The connection attempt failed.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public ConnectException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public ConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
