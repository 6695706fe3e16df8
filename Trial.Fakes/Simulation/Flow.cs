using Trial.Time;

namespace Trial.Fakes.Simulation;

/// <summary>
/// One direction of a simulated connection: the bytes its sender wrote and its receiver has not read yet, the
/// segments on the wire, and the receive window between them.
/// </summary>
/// <remarks>
/// <para>
/// The bytes live once, in a ring buffer, from the written end back to the receiver's read position, so a steady
/// stream allocates nothing. Offsets are absolute: <see cref="Consumed"/> ≤ <see cref="Arrived"/> ≤
/// <see cref="Sent"/> ≤ <see cref="Written"/>. Segments arrive in order (a segment's arrival is never before the
/// one ahead of it), so one delayed call, for the head segment, is pending at a time.
/// </para>
/// <para>
/// Acknowledgements are instant: reading frees window at once. A segment's fate is settled when it leaves: if its
/// link is cut or clogged, it waits in the sender (the flow stalls until the link opens); if the receiving machine is
/// down when it arrives, it vanishes and the sender's user timeout runs.
/// </para>
/// </remarks>
internal sealed class Flow
{
    private readonly SimulatedNetwork _net;
    private readonly Action _arrive;
    private byte[] _ring = new byte[256];
    private Segment[] _segments = new Segment[4];
    private int _segmentHead;
    private int _segmentCount;
    private IDelayedCall? _arrival;
    private long _lastArrival;
    private bool _delivering;

    internal Flow(SimulatedNetwork net, StreamEnd sender, StreamEnd receiver, Link link, int channel)
    {
        _net = net;
        Sender = sender;
        Receiver = receiver;
        Link = link;
        Channel = channel;
        _arrive = Arrive;
    }

    internal StreamEnd Sender { get; }

    internal StreamEnd Receiver { get; }

    internal Link Link { get; }

    internal int Channel { get; }

    internal long Written { get; private set; }

    internal long Sent { get; private set; }

    internal long Arrived { get; private set; }

    internal long Consumed { get; private set; }

    /// <summary>Gets the offset of the FIN once the sender closed its write side, or -1.</summary>
    internal long FinOffset { get; private set; } = -1;

    internal bool FinSent { get; private set; }

    internal bool FinArrived { get; private set; }

    internal bool RstSent { get; private set; }

    /// <summary>Gets a value indicating whether segments vanished into a crashed machine.</summary>
    internal bool Blackholed { get; private set; }

    internal long Unsent => Written - Sent;

    /// <summary>Gets or sets the offset at which the network resets the connection, or -1.</summary>
    internal long ResetAt { get; set; } = -1;

    /// <summary>Gets a value indicating whether the sender has data or a FIN the receiver has not taken.</summary>
    internal bool Unacknowledged => Written > Consumed || (FinOffset >= 0 && !FinArrived);

    /// <summary>Sets the earliest arrival of the first segment: the handshake's answer must arrive first.</summary>
    internal void NotBefore(long arrival) => _lastArrival = Math.Max(_lastArrival, arrival);

    internal void Append(ReadOnlySpan<byte> data)
    {
        long held = Written - Consumed;
        if (held + data.Length > _ring.Length)
        {
            Grow(held + data.Length);
        }

        int mask = _ring.Length - 1;
        int start = (int)(Written & mask);
        int first = Math.Min(data.Length, _ring.Length - start);
        data[..first].CopyTo(_ring.AsSpan(start));
        data[first..].CopyTo(_ring);
        Written += data.Length;
    }

    /// <summary>Forgets what was written and not sent (an abort, a lost connection).</summary>
    internal void DropUnsent() => Written = Sent;

    /// <summary>Marks the end of the sender's stream; the FIN leaves after every byte written.</summary>
    internal void QueueFin()
    {
        if (FinOffset < 0)
        {
            FinOffset = Written;
        }
    }

    /// <summary>Sends what the window and the link allow, as segments of seeded sizes.</summary>
    internal void TrySend()
    {
        long now = _net.NowTicks;
        while (Sent < Written || (FinOffset >= 0 && !FinSent && Sent == FinOffset))
        {
            if (Sender.Killed || RstSent)
            {
                return;
            }

            if (Link.Blocked(now))
            {
                Stall();
                return;
            }

            long window = _net.Options.ReceiveWindow - (Sent - Consumed);
            long waiting = Written - Sent;
            if (ResetAt >= 0)
            {
                if (Sent >= ResetAt)
                {
                    ResetAt = -1;
                    _net.Clock.CallLater(TimeSpan.Zero, () => ConnectionFaults.Reset(Sender, "reset after bytes,"));
                    return;
                }

                waiting = Math.Min(waiting, ResetAt - Sent);
            }

            if (waiting > 0 && window <= 0)
            {
                return;
            }

            int size = waiting == 0 ? 0 : (int)Math.Min(Math.Min(waiting, window), _net.SegmentSize(Link.Options));
            long start = Sent;
            Sent += size;
            bool fin = FinOffset == Sent;
            if (fin)
            {
                FinSent = true;
            }

            long arrival = _net.Transmit(Link, size, now);
            Push(new Segment(Sent, Math.Max(arrival, _lastArrival), fin ? SegmentFlags.Fin : SegmentFlags.None));
            if (size > 0)
            {
                _net.Record(TraceEventKind.BytesSent, Sender.Host.Id, Channel, start, size, null, size > 0 && _net.Options.CapturePayloads ? Slice(start, size) : default);
            }

            if (fin)
            {
                _net.Record(TraceEventKind.CloseSent, Sender.Host.Id, Channel, Sent, 0);
                Sender.FinLeft();
            }
        }

        Sender.Drained();
    }

    /// <summary>Sends a reset, unless the link drops it; the receiver loses the connection when it arrives.</summary>
    internal void SendRst()
    {
        if (RstSent)
        {
            return;
        }

        RstSent = true;
        long now = _net.NowTicks;
        if (Link.Blocked(now) || Sender.Host.Silent)
        {
            return;
        }

        _net.Record(TraceEventKind.ResetSent, Sender.Host.Id, Channel, Sent, 0);
        Push(new Segment(Sent, Math.Max(_net.Transmit(Link, 0, now), _lastArrival), SegmentFlags.Rst));
    }

    /// <summary>The link opened again: send what waited.</summary>
    internal void Unstalled() => TrySend();

    /// <summary>Hands the bytes that arrived to the receiving protocol, as far as it reads; then any end of stream.</summary>
    internal void DeliverToProtocol()
    {
        if (_delivering)
        {
            return;
        }

        _delivering = true;
        long before = Consumed;
        try
        {
            while (Consumed < Arrived && Receiver.Reading)
            {
                int start = (int)(Consumed & (_ring.Length - 1));
                int count = (int)Math.Min(Arrived - Consumed, _ring.Length - start);
                _net.Record(TraceEventKind.BytesDelivered, Receiver.Host.Id, Channel, Consumed, count, null, _net.Options.CapturePayloads ? _ring.AsSpan(start, count) : default);
                Receiver.Receive(_ring.AsSpan(start, count));
                Consumed += count;
            }

            if (Consumed < Arrived && Receiver.Discarding)
            {
                Consumed = Arrived;
            }
        }
        finally
        {
            _delivering = false;
        }

        if (Consumed != before)
        {
            Sender.Acknowledged();
            TrySend();
        }

        if (FinArrived && Consumed == FinOffset && Receiver.Reading)
        {
            Receiver.EndOfStream();
        }
    }

    private ReadOnlySpan<byte> Slice(long offset, int count)
    {
        int start = (int)(offset & (_ring.Length - 1));
        return start + count <= _ring.Length ? _ring.AsSpan(start, count) : Linear(start, count);
    }

    private byte[] Linear(int start, int count)
    {
        var copy = new byte[count];
        int first = _ring.Length - start;
        _ring.AsSpan(start, first).CopyTo(copy);
        _ring.AsSpan(0, count - first).CopyTo(copy.AsSpan(first));
        return copy;
    }

    private void Stall()
    {
        if (!Link.Stalled.Contains(this))
        {
            Link.Stalled.Add(this);
        }

        Sender.Stuck();
    }

    private void Push(in Segment segment)
    {
        if (_segmentCount == _segments.Length)
        {
            var larger = new Segment[_segments.Length * 2];
            for (int i = 0; i < _segmentCount; i++)
            {
                larger[i] = _segments[(_segmentHead + i) & (_segments.Length - 1)];
            }

            _segments = larger;
            _segmentHead = 0;
        }

        _segments[(_segmentHead + _segmentCount) & (_segments.Length - 1)] = segment;
        _segmentCount++;
        _lastArrival = segment.Arrival;
        if (_arrival is null)
        {
            _arrival = _net.Clock.CallLater(TimeSpan.FromTicks(segment.Arrival - _net.NowTicks), _arrive);
        }
    }

    /// <summary>The head segment's delayed call: take every segment due now, then deliver.</summary>
    private void Arrive()
    {
        _arrival = null;
        long now = _net.NowTicks;
        while (_segmentCount > 0 && _segments[_segmentHead].Arrival <= now)
        {
            var segment = _segments[_segmentHead];
            _segmentHead = (_segmentHead + 1) & (_segments.Length - 1);
            _segmentCount--;
            bool reset = (segment.Flags & SegmentFlags.Rst) != 0;
            if (Receiver.Host.Silent)
            {
                if (!reset)
                {
                    Blackholed = true;
                    Sender.Stuck();
                }
            }
            else if (reset)
            {
                Receiver.ResetByPeer();
            }
            else
            {
                // Data for an end that is gone (closed, crashed and restarted) is answered with a reset, as TCP does.
                bool data = segment.End > Arrived;
                Arrived = segment.End;
                FinArrived |= (segment.Flags & SegmentFlags.Fin) != 0;
                if (data && Receiver.Gone)
                {
                    Receiver.Out.SendRst();
                }

                // Each segment is its own read, so framing code meets the split reads the slicing made.
                DeliverToProtocol();
            }
        }

        if (_segmentCount > 0)
        {
            _arrival = _net.Clock.CallLater(TimeSpan.FromTicks(_segments[_segmentHead].Arrival - now), _arrive);
        }
    }

    private void Grow(long needed)
    {
        int size = _ring.Length;
        while (size < needed)
        {
            size = checked(size * 2);
        }

        // Every held byte keeps its absolute offset; only its position modulo the ring size changes.
        var larger = new byte[size];
        for (long offset = Consumed; offset < Written;)
        {
            int from = (int)(offset & (_ring.Length - 1));
            int to = (int)(offset & (size - 1));
            int count = (int)Math.Min(Written - offset, Math.Min(_ring.Length - from, size - to));
            _ring.AsSpan(from, count).CopyTo(larger.AsSpan(to));
            offset += count;
        }

        _ring = larger;
    }
}
