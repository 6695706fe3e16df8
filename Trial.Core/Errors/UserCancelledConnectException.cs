namespace Trial.Errors;

/// <summary>The connection attempt was stopped by <c>StopConnecting</c> before it completed.</summary>
public sealed class UserCancelledConnectException : ConnectException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public UserCancelledConnectException()
        : base("The connection attempt was cancelled.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public UserCancelledConnectException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as a <see cref="System.Net.Sockets.SocketException"/>.</param>
    public UserCancelledConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
