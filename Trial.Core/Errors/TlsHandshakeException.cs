namespace Trial.Errors;

/// <summary>
/// A TLS handshake failed (for instance, the peer's certificate was not trusted): the connection was closed.
/// A protocol that called <c>StartTls</c> receives it in <c>ConnectionLost</c>; a client factory whose
/// <c>ConnectTls</c> attempt failed in the handshake receives it in <c>ClientConnectionFailed</c>.
/// </summary>
public sealed class TlsHandshakeException : ConnectionLostException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public TlsHandshakeException()
        : base("The TLS handshake failed.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public TlsHandshakeException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying error, such as an <see cref="System.Security.Authentication.AuthenticationException"/>.</param>
    public TlsHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
