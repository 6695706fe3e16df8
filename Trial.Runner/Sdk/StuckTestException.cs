using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a simulated test that waits on something nothing can complete: nothing is ready, no delayed call is pending, and no escaped work is running.</summary>
public sealed class StuckTestException : XunitException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public StuckTestException()
        : base("The test is stuck: nothing is scheduled that could complete what it waits on.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public StuckTestException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public StuckTestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
