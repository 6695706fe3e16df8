using System.Runtime.InteropServices;

namespace Trial.Fakes.Simulation;

/// <summary>
/// How a trace stores an event: 32 bytes, with the host, the endpoints and the text kept once in side tables
/// (<see cref="TraceChannel"/>, the trace's detail list), so recording allocates nothing per event.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct TraceRecord
{
    /// <summary>The virtual time in ticks.</summary>
    internal long Time;

    /// <summary>The stream offset of the first byte.</summary>
    internal long Offset;

    /// <summary>The channel (a direction of a connection, or a datagram flow), or -1.</summary>
    internal int Channel;

    /// <summary>The byte count.</summary>
    internal int Count;

    /// <summary>The index of the event's extra (detail text, captured payload), or -1.</summary>
    internal int Extra;

    /// <summary>The host, or -1 for the network.</summary>
    internal short Host;

    /// <summary>The kind.</summary>
    internal TraceEventKind Kind;
}
