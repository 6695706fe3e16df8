namespace Trial.Framing;

/// <summary>
/// A <see cref="LineReader"/> or <see cref="LengthPrefixedReader"/> received a message longer than its maximum: a line
/// with no delimiter within the limit, or a length prefix announcing more. The reader is then broken: every later
/// read throws this again.
/// </summary>
public sealed class MessageTooLongException : FormatException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public MessageTooLongException()
        : base("The received message is longer than the maximum.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What was too long.</param>
    public MessageTooLongException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What was too long.</param>
    /// <param name="innerException">The underlying error.</param>
    public MessageTooLongException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance with the lengths involved.</summary>
    /// <param name="message">What was too long.</param>
    /// <param name="length">The length received or announced.</param>
    /// <param name="maxLength">The maximum that was exceeded.</param>
    public MessageTooLongException(string message, long length, int maxLength)
        : base(message)
    {
        Length = length;
        MaxLength = maxLength;
    }

    /// <summary>Gets the length received (for a line with no delimiter yet, how many bytes came without one) or announced by a prefix.</summary>
    public long Length { get; }

    /// <summary>Gets the maximum that was exceeded.</summary>
    public int MaxLength { get; }
}
