using System.Net;

namespace Trial.Fakes.Simulation;

/// <summary>One event of a <see cref="NetworkTrace"/>, read back from the trace's compact storage.</summary>
/// <param name="Index">The event's position in the trace, from 0.</param>
/// <param name="Time">The virtual time it happened at.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Host">The host it happened on, or <see cref="NetworkTrace.NetworkHost"/> for network-wide events (faults).</param>
/// <param name="ConnectionId">The connection it concerns (shared by both ends, from 1), or 0.</param>
/// <param name="Peer">The host at the other end, or <see langword="null"/>.</param>
/// <param name="Source">The endpoint the bytes or the request came from, or <see langword="null"/>.</param>
/// <param name="Destination">The endpoint they went to, or <see langword="null"/>.</param>
/// <param name="StreamOffset">For stream data, the offset of the first byte in its direction of the stream (so an exporter can synthesize TCP sequence numbers); otherwise 0.</param>
/// <param name="ByteCount">The number of bytes sent, delivered or carried by a datagram; otherwise 0.</param>
/// <param name="Payload">The bytes, when the network was asked to capture payloads (<see cref="NetworkOptions.CapturePayloads"/>); otherwise empty.</param>
/// <param name="Detail">Readable detail (the fault, the reason of a loss), or <see langword="null"/>.</param>
/// <remarks>Two events are equal when every field is, payload bytes compared by content.</remarks>
public readonly record struct TraceEvent(
    long Index,
    TimeSpan Time,
    TraceEventKind Kind,
    string Host,
    long ConnectionId,
    string? Peer,
    IPEndPoint? Source,
    IPEndPoint? Destination,
    long StreamOffset,
    int ByteCount,
    ReadOnlyMemory<byte> Payload,
    string? Detail)
{
    /// <summary>Compares every field, the payload by content.</summary>
    /// <param name="other">The other event.</param>
    /// <returns><see langword="true"/> when the events are the same.</returns>
    public bool Equals(TraceEvent other) =>
        Index == other.Index && Time == other.Time && Kind == other.Kind && Host == other.Host
        && ConnectionId == other.ConnectionId && Peer == other.Peer && Equals(Source, other.Source)
        && Equals(Destination, other.Destination) && StreamOffset == other.StreamOffset && ByteCount == other.ByteCount
        && Payload.Span.SequenceEqual(other.Payload.Span) && Detail == other.Detail;

    /// <summary>Hashes the fields that identify the event.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Index, Time, Kind, Host, ConnectionId, StreamOffset, ByteCount, Detail);

    /// <summary>Formats the event as one readable line, as <see cref="NetworkTrace.Tail"/> does.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => TraceFormatter.Format(this);
}
