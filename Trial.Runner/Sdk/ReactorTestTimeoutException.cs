using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a reactor test that ran past its virtual-time or wall-time limit.</summary>
public sealed class ReactorTestTimeoutException : XunitException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ReactorTestTimeoutException()
        : base("The test ran past its time limit.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public ReactorTestTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ReactorTestTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
