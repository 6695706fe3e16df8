using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a reactor test that ran past its virtual-time or wall-time limit.</summary>
public sealed class ReactorTestTimeoutException : XunitException
{
    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public ReactorTestTimeoutException(string message)
        : base(message)
    {
    }
}
