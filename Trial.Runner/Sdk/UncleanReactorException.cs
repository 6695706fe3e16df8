using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a test that left its reactor unclean: delayed calls pending, ports listening, connections open, errors logged and not flushed, or deferred failures nobody handled.</summary>
public sealed class UncleanReactorException : XunitException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public UncleanReactorException()
        : base("The reactor was unclean after the test.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public UncleanReactorException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public UncleanReactorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
