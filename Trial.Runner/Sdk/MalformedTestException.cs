using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a test method that cannot run as a reactor test, saying how to fix it.</summary>
public sealed class MalformedTestException : XunitException
{
    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public MalformedTestException(string message)
        : base(message)
    {
    }
}
