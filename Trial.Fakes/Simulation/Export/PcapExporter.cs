using System.Net;

namespace Trial.Fakes.Simulation;

/// <summary>
/// Turns a trace's stream and datagram events into the packets a capture on the simulated wire would show: each
/// packet goes from the event's source endpoint to its destination, at the event's virtual time.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="TraceEventKind.ConnectStarted"/> is a SYN, <see cref="TraceEventKind.Accepted"/> the SYN-ACK,
/// <see cref="TraceEventKind.Connected"/> the handshake's last ACK.</item>
/// <item><see cref="TraceEventKind.BytesSent"/> is a data segment (PSH-ACK) whose sequence number is the initial one
/// plus 1 plus its stream offset; <see cref="TraceEventKind.BytesDelivered"/> the receiver's ACK of those bytes.</item>
/// <item><see cref="TraceEventKind.CloseSent"/> is a FIN-ACK, <see cref="TraceEventKind.ResetSent"/> an RST (an
/// RST-ACK answering a SYN the server never accepted, as a refusing stack sends).</item>
/// <item><see cref="TraceEventKind.DatagramSent"/> is a UDP datagram.</item>
/// </list>
/// Initial sequence numbers are a fixed function of the connection id and side, so the same trace gives the same
/// file. Other events (timers, faults, losses) have no packet.
/// </remarks>
internal sealed class PcapExporter(PacketWriter writer)
{
    private readonly Dictionary<(long Connection, IPEndPoint Source), Direction> _directions = [];
    private readonly Dictionary<long, int> _sides = [];

    internal void Export(NetworkTrace trace)
    {
        int count = trace.Count;
        for (int i = 0; i < count; i++)
        {
            Export(trace.Read(i));
        }
    }

    private static uint InitialSequence(long connection, int side)
    {
        // A fixed mix (SplitMix64's finalizer), so numbers look like a real stack's and never depend on the run.
        ulong z = (ulong)connection * 2 + (ulong)side + 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return (uint)(z ^ (z >> 31));
    }

    private void Export(in TraceEvent e)
    {
        if (e.Source is not { } source || e.Destination is not { } destination)
        {
            return;
        }

        switch (e.Kind)
        {
            case TraceEventKind.DatagramSent:
                writer.Udp(e.Time, source, destination, e.Payload.Span, e.ByteCount);
                return;
            case TraceEventKind.ConnectStarted:
                writer.Tcp(e.Time, source, destination, Of(e.ConnectionId, source).Initial, 0, TcpFlags.Syn, default, 0);
                return;
            case TraceEventKind.Accepted:
            {
                var own = Of(e.ConnectionId, source);
                own.Synchronized = true;
                writer.Tcp(e.Time, source, destination, own.Initial, Of(e.ConnectionId, destination).Initial + 1, TcpFlags.Syn | TcpFlags.Ack, default, 0);
                return;
            }

            case TraceEventKind.Connected:
            {
                var own = Of(e.ConnectionId, source);
                own.Synchronized = true;
                Send(e.Time, source, destination, own, TcpFlags.Ack, own.Sent, default, 0);
                return;
            }

            case TraceEventKind.BytesSent:
                SendData(e, source, destination);
                return;
            case TraceEventKind.BytesDelivered:
            {
                // Delivered at the destination: its ACK goes back to the source.
                var receiver = Of(e.ConnectionId, destination);
                receiver.Received = Math.Max(receiver.Received, e.StreamOffset + e.ByteCount);
                Send(e.Time, destination, source, receiver, TcpFlags.Ack, receiver.Sent, default, 0);
                return;
            }

            case TraceEventKind.CloseSent:
            {
                var own = Of(e.ConnectionId, source);
                long offset = Math.Max(own.Sent, e.StreamOffset);
                Send(e.Time, source, destination, own, TcpFlags.Fin | TcpFlags.Ack, offset, default, 0);
                own.Sent = offset + 1;
                own.FinAt = offset;
                return;
            }

            case TraceEventKind.ResetSent:
            {
                var own = Of(e.ConnectionId, source);
                if (own.Synchronized)
                {
                    Send(e.Time, source, destination, own, TcpFlags.Rst, Math.Max(own.Sent, e.StreamOffset), default, 0);
                }
                else
                {
                    writer.Tcp(e.Time, source, destination, 0, Of(e.ConnectionId, destination).Initial + 1, TcpFlags.Rst | TcpFlags.Ack, default, 0);
                }

                return;
            }

            default:
                return;
        }
    }

    private void SendData(in TraceEvent e, IPEndPoint source, IPEndPoint destination)
    {
        var own = Of(e.ConnectionId, source);
        var payload = e.Payload.Span;
        bool captured = payload.Length >= e.ByteCount;
        int done = 0;
        do
        {
            int n = Math.Min(PacketWriter.MaxPayload, e.ByteCount - done);
            var slice = captured ? payload.Slice(done, n) : default;
            Send(e.Time, source, destination, own, TcpFlags.Psh | TcpFlags.Ack, e.StreamOffset + done, slice, n);
            done += n;
        }
        while (done < e.ByteCount);

        own.Sent = Math.Max(own.Sent, e.StreamOffset + e.ByteCount);
    }

    /// <summary>Writes a segment of an established direction: its sequence number from the stream offset, its ACK of what the peer's bytes reached it.</summary>
    private void Send(TimeSpan time, IPEndPoint source, IPEndPoint destination, Direction own, TcpFlags flags, long offset, ReadOnlySpan<byte> payload, int length)
    {
        var peer = Of(own.Connection, destination);
        uint acknowledgment = 0;
        if ((flags & TcpFlags.Rst) == 0 || peer.Synchronized)
        {
            flags |= TcpFlags.Ack;
            // The trace has no event for a FIN's arrival: it is taken to arrive with the bytes before it.
            long received = own.Received + (peer.FinAt >= 0 && own.Received >= peer.FinAt ? 1 : 0);
            acknowledgment = peer.Initial + 1 + (uint)received;
        }

        writer.Tcp(time, source, destination, own.Initial + 1 + (uint)offset, acknowledgment, flags, payload, length);
    }

    private Direction Of(long connection, IPEndPoint source)
    {
        if (!_directions.TryGetValue((connection, source), out var direction))
        {
            _sides.TryGetValue(connection, out int side);
            _sides[connection] = side + 1;
            direction = new Direction(connection, InitialSequence(connection, side));
            _directions.Add((connection, source), direction);
        }

        return direction;
    }

    /// <summary>One direction of a connection: its initial sequence number, the stream bytes it sent, and those it received from the peer.</summary>
    private sealed class Direction(long connection, uint initial)
    {
        public long Connection { get; } = connection;

        public uint Initial { get; } = initial;

        public bool Synchronized { get; set; }

        public long Sent { get; set; }

        public long Received { get; set; }

        public long FinAt { get; set; } = -1;
    }
}
