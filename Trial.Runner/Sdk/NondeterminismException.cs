using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a simulated test whose two runs with the same seed differed, under TRIAL_CHECK_DETERMINISM=1.</summary>
public sealed class NondeterminismException : XunitException
{
    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public NondeterminismException(string message)
        : base(message)
    {
    }
}
