using System.Collections;
using System.Net;

namespace Trial.Fakes.Simulation;

/// <summary>
/// Everything that happened in a <c>SimulatedNetwork</c>, in order: timers, connects, bytes sent and
/// delivered, datagrams, faults, closes, crashes. Same seed and scenario, same trace and same <see cref="Hash"/>.
/// </summary>
/// <remarks>
/// Events are stored compactly (32 bytes each, in chunks, with hosts, endpoints and text kept once in side
/// tables), so recording allocates nothing per event beyond the amortized storage; <see cref="Events"/> reads them
/// back as <see cref="TraceEvent"/> values. Payload bytes are kept only when the network's options ask for them,
/// and never enter the hash. Read it from the network's thread.
/// </remarks>
public sealed class NetworkTrace
{
    /// <summary>The <see cref="TraceEvent.Host"/> of events that belong to the network rather than a host (faults, heals).</summary>
    public const string NetworkHost = "*";

    private const int ChunkShift = 14;
    private const int ChunkSize = 1 << ChunkShift;
    private const int PayloadChunkSize = 1 << 20;

    private readonly List<TraceRecord[]> _chunks = [];
    private readonly List<string> _hosts = [];
    private readonly List<TraceChannel> _channels = [];
    private readonly List<Extra> _extras = [];
    private byte[]? _payloadChunk;
    private int _payloadUsed;
    private TraceHasher _hash;
    private int _count;

    internal NetworkTrace()
    {
        Events = new EventList(this);
    }

    /// <summary>Gets the events, oldest first; the list grows as the network runs.</summary>
    public IReadOnlyList<TraceEvent> Events { get; }

    /// <summary>Gets the number of events recorded.</summary>
    public int Count => _count;

    /// <summary>
    /// Gets a stable hash of the whole trace (every event's time, kind, host, connection, offsets, counts and detail,
    /// and every host and endpoint): 16 hex digits, the same for the same run on every machine and runtime.
    /// </summary>
    public string Hash => _hash.Value;

    /// <summary>Finds the first event where two traces differ.</summary>
    /// <param name="a">One trace.</param>
    /// <param name="b">The other trace.</param>
    /// <returns>The first difference, with both versions of the event, or <see langword="null"/> when the traces are equal.</returns>
    public static TraceDifference? FirstDifference(NetworkTrace a, NetworkTrace b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int common = Math.Min(a._count, b._count);
        for (int i = 0; i < common; i++)
        {
            var x = a.Read(i);
            var y = b.Read(i);
            if (!x.Equals(y))
            {
                return new TraceDifference(i, x, y);
            }
        }

        return a._count == b._count
            ? null
            : new TraceDifference(common, a._count > common ? a.Read(common) : null, b._count > common ? b.Read(common) : null);
    }

    /// <summary>Formats the last <paramref name="count"/> events, one readable line each, oldest first.</summary>
    /// <param name="count">How many events; fewer when the trace is shorter.</param>
    /// <returns>The lines.</returns>
    public IEnumerable<string> Tail(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int start = Math.Max(0, _count - count);
        int end = _count;
        for (int i = start; i < end; i++)
        {
            yield return TraceFormatter.Format(Read(i));
        }
    }

    /// <summary>Writes every event as one JSON object per line (UTF-8, <c>\n</c> endings).</summary>
    /// <param name="destination">Where to write; it is flushed, not closed.</param>
    /// <remarks>
    /// Each line has <c>index</c>, <c>ticks</c> (virtual time in 100 ns ticks), <c>time</c>, <c>kind</c>,
    /// <c>host</c>, and when they apply <c>connection</c>, <c>peer</c>, <c>source</c>, <c>destination</c>,
    /// <c>offset</c>, <c>count</c>, <c>detail</c> and <c>payload</c> (base64).
    /// </remarks>
    public void WriteJsonLines(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        TraceJsonWriter.Write(this, destination);
    }

    /// <summary>Reads one event back.</summary>
    internal TraceEvent Read(int index)
    {
        ref readonly var r = ref _chunks[index >> ChunkShift][index & (ChunkSize - 1)];
        string host = r.Host < 0 ? NetworkHost : _hosts[r.Host];
        long connection = 0;
        string? peer = null;
        IPEndPoint? source = null;
        IPEndPoint? destination = null;
        if (r.Channel >= 0)
        {
            var channel = _channels[r.Channel];
            connection = channel.ConnectionId;
            source = channel.Source;
            destination = channel.Destination;
            int peerHost = channel.SourceHost == r.Host ? channel.DestinationHost : channel.SourceHost;
            peer = _hosts[peerHost];
        }

        var extra = r.Extra >= 0 ? _extras[r.Extra] : default;
        var payload = extra.Payload is { } bytes ? bytes.AsMemory(extra.PayloadStart, r.Count) : ReadOnlyMemory<byte>.Empty;
        return new TraceEvent(index, TimeSpan.FromTicks(r.Time), r.Kind, host, connection, peer, source, destination, r.Offset, r.Count, payload, extra.Detail);
    }

    /// <summary>Registers a host; events name it by the number returned.</summary>
    internal int AddHost(string name)
    {
        _hosts.Add(name);
        _hash.Add(name);
        return _hosts.Count - 1;
    }

    /// <summary>Registers a channel; events refer to it by the number returned.</summary>
    internal int AddChannel(in TraceChannel channel)
    {
        _channels.Add(channel);
        _hash.Add(channel.ConnectionId);
        _hash.Add(((long)channel.SourceHost << 32) | (uint)channel.DestinationHost);
        _hash.Add(channel.Source.ToString());
        _hash.Add(channel.Destination.ToString());
        return _channels.Count - 1;
    }

    /// <summary>Records an event; <paramref name="payload"/> is kept only when <paramref name="capture"/> is set.</summary>
    internal void Record(TraceEventKind kind, long time, int host, int channel, long offset, int count, string? detail = null, ReadOnlySpan<byte> payload = default, bool capture = false)
    {
        int chunk = _count >> ChunkShift;
        if (chunk == _chunks.Count)
        {
            _chunks.Add(new TraceRecord[ChunkSize]);
        }

        ref var r = ref _chunks[chunk][_count & (ChunkSize - 1)];
        r.Time = time;
        r.Offset = offset;
        r.Channel = channel;
        r.Count = count;
        r.Host = (short)host;
        r.Kind = kind;
        r.Extra = detail is null && !capture ? -1 : AddExtra(detail, capture ? payload : default, capture);
        _count++;

        _hash.Add(((ulong)kind << 56) | ((ulong)(ushort)host << 32) | (uint)channel);
        _hash.Add(time);
        _hash.Add(offset ^ ((long)count << 40));
        if (detail is not null)
        {
            _hash.Add(detail);
        }
    }

    private int AddExtra(string? detail, ReadOnlySpan<byte> payload, bool capture)
    {
        byte[]? block = null;
        int start = 0;
        if (capture)
        {
            if (payload.Length > PayloadChunkSize)
            {
                block = payload.ToArray();
            }
            else
            {
                if (_payloadChunk is null || _payloadUsed + payload.Length > PayloadChunkSize)
                {
                    _payloadChunk = new byte[PayloadChunkSize];
                    _payloadUsed = 0;
                }

                block = _payloadChunk;
                start = _payloadUsed;
                payload.CopyTo(block.AsSpan(start));
                _payloadUsed += payload.Length;
            }
        }

        _extras.Add(new Extra(detail, block, start));
        return _extras.Count - 1;
    }

    private readonly record struct Extra(string? Detail, byte[]? Payload, int PayloadStart);

    private sealed class EventList(NetworkTrace trace) : IReadOnlyList<TraceEvent>
    {
        public int Count => trace._count;

        public TraceEvent this[int index] => (uint)index < (uint)trace._count
            ? trace.Read(index)
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The trace has {trace._count} events.");

        public IEnumerator<TraceEvent> GetEnumerator()
        {
            for (int i = 0; i < trace._count; i++)
            {
                yield return trace.Read(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
