using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Fails a test that left its reactor unclean: delayed calls pending, ports listening, connections open, errors logged and not flushed, or deferred failures nobody handled.</summary>
public sealed class UncleanReactorException : XunitException
{
    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What went wrong, and how to fix it.</param>
    public UncleanReactorException(string message)
        : base(message)
    {
    }
}
