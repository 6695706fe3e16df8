using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a simulated test that waits on something nothing can complete: nothing is ready, no delayed call is pending, and no escaped work is running.</summary>
public sealed class StuckTestException : XunitException
{
    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public StuckTestException(string message)
        : base(message)
    {
    }
}
