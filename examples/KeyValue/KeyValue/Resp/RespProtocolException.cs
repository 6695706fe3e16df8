namespace Examples.KeyValue.Resp;

/// <summary>The bytes received are not RESP2; the connection cannot continue.</summary>
public sealed class RespProtocolException : Exception
{
    /// <summary>Initializes a new exception with no message.</summary>
    public RespProtocolException()
    {
    }

    /// <summary>Initializes a new exception with a message that says what was wrong.</summary>
    /// <param name="message">What was wrong, with the offending value.</param>
    public RespProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RespProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
