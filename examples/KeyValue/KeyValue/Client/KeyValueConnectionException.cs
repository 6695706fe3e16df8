namespace Examples.KeyValue.Client;

/// <summary>
/// A request did not get its reply because the connection failed, or none could be made in time. A write that
/// fails this way may or may not have been applied: retry it if it is idempotent (as <c>SET</c> is).
/// </summary>
public sealed class KeyValueConnectionException : IOException
{
    /// <summary>Initializes a new exception with no message.</summary>
    public KeyValueConnectionException()
    {
    }

    /// <summary>Initializes a new exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public KeyValueConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause, such as the reset that ended the connection.</param>
    public KeyValueConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
