using System.Buffers;
using System.Globalization;
using Trial.Errors;
using Trial.Protocols;

namespace Trial.Fakes.IOSim;

/// <content>What one round moves: an abort, the pending bytes each way, or a close.</content>
public sealed partial class IOPump
{
    private bool DeliverAbort()
    {
        var client = ClientTransport;
        var server = ServerTransport;
        var first = client.AbortRequested && (client.AbortedFirst || !server.AbortRequested) ? client
            : server.AbortRequested ? server : null;
        if (first is null || first.Disconnected)
        {
            return false;
        }

        var other = first == client ? server : client;
        TraceLine($"{TrafficTrace.Name(first)} aborted; {first.BufferedByteCount} and {other.BufferedByteCount} pending bytes dropped");
        first.DeliverLost(new ConnectionAbortedException($"The {TrafficTrace.Name(first)} aborted the connection to {first.RemoteAddress}."));
        other.DeliverLost(other.AbortRequested
            ? new ConnectionAbortedException($"The {TrafficTrace.Name(other)} aborted the connection to {other.RemoteAddress}.")
            : new ConnectionResetException($"The connection was reset by {other.RemoteAddress}: the {TrafficTrace.Name(first)} aborted it."));
        return true;
    }

    private bool MoveBytes()
    {
        long fromClient = ClientTransport.BufferedByteCount;
        long fromServer = ServerTransport.BufferedByteCount;
        bool moved = Deliver(ClientTransport, ServerTransport, fromClient);
        moved |= Deliver(ServerTransport, ClientTransport, fromServer);
        ClientTransport.Outgoing.ReleaseIdleTail();
        ServerTransport.Outgoing.ReleaseIdleTail();
        return moved;
    }

    /// <summary>Delivers the first <paramref name="count"/> bytes <paramref name="from"/> wrote to the other end, slice by slice.</summary>
    private bool Deliver(FakeTransport from, FakeTransport to, long count)
    {
        if (count == 0 || !CanDeliver(from, to))
        {
            if (count > 0 && to.ReadingPaused && Trace is not null)
            {
                TraceLine($"{TrafficTrace.Name(from)} -> {TrafficTrace.Name(to)} {count} bytes wait: the {TrafficTrace.Name(to)} paused reading");
            }

            return false;
        }

        string? excerpt = Trace is null ? null : Excerpt(from, count);
        long delivered = 0;
        int slices = 0;
        do
        {
            int size = Slicing.NextSize((int)Math.Min(count - delivered, int.MaxValue));
            DeliverSlice(from, to, size);
            delivered += size;
            slices++;
        }
        while (delivered < count && CanDeliver(from, to));

        if (excerpt is not null)
        {
            TraceLine(string.Create(CultureInfo.InvariantCulture, $"{TrafficTrace.Name(from)} -> {TrafficTrace.Name(to)} {delivered} bytes in {slices} {(slices == 1 ? "slice" : "slices")}: {excerpt}"));
        }

        from.Drained();
        return true;
    }

    private bool CanDeliver(FakeTransport from, FakeTransport to) =>
        to.Reading && !from.Disconnected && !from.AbortRequested && !ClientTransport.AbortRequested && !ServerTransport.AbortRequested;

    private static void DeliverSlice(FakeTransport from, FakeTransport to, int size)
    {
        if (from.Outgoing.TryTakeContiguous(size, out var block, out int start))
        {
            to.Outgoing.SetReceiving(block);
            try
            {
                to.Protocol.DataReceived(block.Data.AsSpan(start, size));
            }
            finally
            {
                to.Outgoing.SetReceiving(null);
                block.Release();
            }

            return;
        }

        // The slice spans segments: join it in a pooled array, which the protocol sees only during the call.
        byte[] joined = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            from.Outgoing.Take(joined.AsSpan(0, size));
            to.Protocol.DataReceived(joined.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }

    /// <summary>Completes a close or half-close <paramref name="side"/> asked for, if it can complete now.</summary>
    private bool DeliverClose(FakeTransport side)
    {
        if (side.Disconnected || !side.CanFinishClose)
        {
            return false;
        }

        var peer = side.Peer!;
        if (side.CloseRequested)
        {
            TraceLine($"{TrafficTrace.Name(side)} closed the connection");
            EndBoth(side, peer);
            return true;
        }

        if (!side.WriteCloseRequested || side.WriteClosed)
        {
            return false;
        }

        TraceLine($"{TrafficTrace.Name(side)} closed its write side");
        side.WriteClosed = true;
        (side.Protocol as IHalfCloseableProtocol)?.WriteConnectionLost();
        if (peer.Disconnected)
        {
            return true;
        }

        if (peer.Protocol is IHalfCloseableProtocol halfCloseable)
        {
            halfCloseable.ReadConnectionLost();
        }
        else
        {
            // A protocol that cannot half-close treats the end of its input as the end of the connection.
            peer.LoseConnection();
        }

        if (peer.WriteClosed)
        {
            EndBoth(side, peer);
        }

        return true;
    }

    private static void EndBoth(FakeTransport first, FakeTransport second)
    {
        first.DeliverLost(new ConnectionDoneException($"The connection to {first.RemoteAddress} was closed cleanly."));
        second.DeliverLost(new ConnectionDoneException($"The connection to {second.RemoteAddress} was closed cleanly."));
    }

    private static string Excerpt(FakeTransport from, long count)
    {
        Span<byte> shown = stackalloc byte[TrafficTrace.ExcerptLength];
        int n = from.Outgoing.Peek(shown[..(int)Math.Min(count, shown.Length)]);
        return TrafficTrace.Excerpt(shown[..n], count);
    }
}
