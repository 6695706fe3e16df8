using Trial.Tests.Support;

namespace Trial.Tests.Framing.Scripted;

/// <summary>Feeds chunks to a scripted receiver the way generate.py's harness feeds Twisted's.</summary>
internal static class VectorHarness
{
    /// <summary>
    /// Connects <paramref name="protocol"/> to a recording transport whose close is logged as a "close" event,
    /// feeds the chunks until the connection is closing, resumes a paused receiver after each chunk, and returns
    /// the events.
    /// </summary>
    public static List<string> Run(IScripted protocol, IEnumerable<byte[]> chunks, Func<string>? pending = null)
    {
        // Lenient, as generate.py's HarnessTransport is: a scripted receiver may pause in the callback that closes.
        var transport = new RecordingTransport(lenient: true);
        transport.OnLoseConnection = () => protocol.Events.Add("close");
        protocol.MakeConnection(transport);
        foreach (var chunk in chunks)
        {
            if (transport.Disconnecting)
            {
                break;
            }

            protocol.DataReceived(chunk);
            while (protocol.IsPaused && !protocol.Stopped && !transport.Disconnecting)
            {
                protocol.Events.Add("resume");
                protocol.Resume();
            }
        }

        if (pending is not null)
        {
            protocol.Events.Add("pending:" + pending());
        }

        return protocol.Events;
    }
}
