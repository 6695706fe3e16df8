namespace Trial.Errors;

/// <summary>The destination host or network is unreachable.</summary>
public sealed class NoRouteException : ConnectException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public NoRouteException()
        : base("No route to the host.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public NoRouteException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public NoRouteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
