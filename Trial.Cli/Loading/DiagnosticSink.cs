using Xunit.Abstractions;

namespace Trial.Cli.Loading;

/// <summary>
/// Receives xunit's diagnostic messages (framework construction problems and the like) and keeps
/// them; the command prints them only when nothing could be discovered, where they explain why.
/// </summary>
internal sealed class DiagnosticSink : IMessageSink
{
    private readonly List<string> messages = [];

    /// <summary>The diagnostic messages received so far.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (messages)
            {
                return messages.ToList();
            }
        }
    }

    /// <inheritdoc/>
    public bool OnMessage(IMessageSinkMessage message)
    {
        if (message is IDiagnosticMessage diagnostic)
        {
            lock (messages)
            {
                messages.Add(diagnostic.Message);
            }
        }

        return true;
    }
}
