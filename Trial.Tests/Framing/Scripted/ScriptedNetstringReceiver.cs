using Trial.Framing;
using Trial.Tests.Framing.Vectors;

namespace Trial.Tests.Framing.Scripted;

/// <summary>The C# twin of generate.py's ScriptedNetstrings: logs strings and parse errors; "quit" closes.</summary>
internal sealed class ScriptedNetstringReceiver : NetstringReceiver, IScripted
{
    public List<string> Events { get; } = [];

    public bool IsPaused => false;

    public bool Stopped => false;

    public void Resume()
    {
    }

    internal static string Kind(NetstringParseException error) => error.Error switch
    {
        NetstringError.MissingLength => "missing-length",
        NetstringError.TooLong => "too-long",
        NetstringError.MissingComma => "missing-comma",
        _ => error.Error.ToString(),
    };

    protected override void StringReceived(ReadOnlySpan<byte> data)
    {
        Events.Add("string:" + TwistedVectors.Text(data));
        if (data.SequenceEqual("quit"u8))
        {
            Transport!.LoseConnection();
        }
    }

    protected override void InvalidNetstringReceived(NetstringParseException error)
    {
        Events.Add("parseError:" + Kind(error));
        base.InvalidNetstringReceived(error);
    }
}
