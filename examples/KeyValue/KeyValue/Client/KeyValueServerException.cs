namespace Examples.KeyValue.Client;

/// <summary>The server answered a request with an error reply (such as <c>ERR value is not an integer or out of range</c>).</summary>
public sealed class KeyValueServerException : Exception
{
    /// <summary>Initializes a new exception with no message.</summary>
    public KeyValueServerException()
    {
    }

    /// <summary>Initializes a new exception with the server's error text.</summary>
    /// <param name="message">The error reply, without its leading <c>-</c>.</param>
    public KeyValueServerException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public KeyValueServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
