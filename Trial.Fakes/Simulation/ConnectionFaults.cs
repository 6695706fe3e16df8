using Trial.Errors;

namespace Trial.Fakes.Simulation;

/// <summary>Faults that act on one connection.</summary>
internal static class ConnectionFaults
{
    /// <summary>Resets both ends of <paramref name="end"/>'s connection now, as a middlebox would.</summary>
    internal static void Reset(StreamEnd end, string why)
    {
        var net = end.Host.Network;
        var peer = end.In.Sender;
        if (end.Gone && peer.Gone)
        {
            return;
        }

        net.Record(TraceEventKind.Fault, -1, end.Out.Channel, end.Out.Sent, 0, $"{why} connection {end.ConnectionId}");
        net.FaultCoverage.Add(FaultKind.ResetConnection);
        end.Lose(new ConnectionResetException(), SegmentFlags.None);
        peer.Lose(new ConnectionResetException(), SegmentFlags.None);
    }
}
