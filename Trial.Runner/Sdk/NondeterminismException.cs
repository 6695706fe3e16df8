using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a simulated test whose two runs with the same seed differed, under TRIAL_CHECK_DETERMINISM=1.</summary>
public sealed class NondeterminismException : XunitException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public NondeterminismException()
        : base("Two runs of the test with the same seed differed.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public NondeterminismException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public NondeterminismException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
