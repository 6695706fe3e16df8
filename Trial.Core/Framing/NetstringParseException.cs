namespace Trial.Framing;

/// <summary>
/// The bytes a <see cref="NetstringReceiver"/> received are not a valid netstring (Twisted's
/// <c>NetstringParseError</c>): no length specification, a length over the maximum, or no trailing comma.
/// </summary>
public sealed class NetstringParseException : FormatException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public NetstringParseException()
        : base("The received data is not a valid netstring.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What was wrong, with the offending bytes.</param>
    public NetstringParseException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What was wrong, with the offending bytes.</param>
    /// <param name="innerException">The underlying error.</param>
    public NetstringParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal NetstringParseException(NetstringError error, string message)
        : base(message) => Error = error;

    /// <summary>Gets which of Twisted's three parse errors this is.</summary>
    internal NetstringError Error { get; }
}
