using System.Buffers;

namespace Trial.Sockets;

/// <summary>
/// The bytes written to a connection and not yet sent: a queue of pooled chunks. Small writes share a chunk;
/// a large write gets a chunk of its own size, so a send covers it in one call.
/// </summary>
internal sealed class WriteBuffer
{
    private const int MinChunk = 16 * 1024;
    private readonly Queue<Chunk> _chunks = new();
    private Chunk? _tail;

    /// <summary>Gets the number of bytes waiting.</summary>
    internal long Length { get; private set; }

    internal void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_tail is null || _tail.End == _tail.Buffer.Length)
            {
                _tail = new Chunk(ArrayPool<byte>.Shared.Rent(Math.Max(MinChunk, data.Length)));
                _chunks.Enqueue(_tail);
            }

            int n = Math.Min(data.Length, _tail.Buffer.Length - _tail.End);
            data[..n].CopyTo(_tail.Buffer.AsSpan(_tail.End));
            _tail.End += n;
            Length += n;
            data = data[n..];
        }
    }

    /// <summary>Returns the oldest unsent bytes that sit together in memory.</summary>
    internal ReadOnlySpan<byte> Peek() =>
        _chunks.TryPeek(out var chunk) ? chunk.Buffer.AsSpan(chunk.Start, chunk.End - chunk.Start) : default;

    /// <summary>Drops <paramref name="count"/> sent bytes from the front; at most what <see cref="Peek"/> returned.</summary>
    internal void Consume(int count)
    {
        var chunk = _chunks.Peek();
        chunk.Start += count;
        Length -= count;
        if (chunk.Start == chunk.End)
        {
            _chunks.Dequeue();
            if (chunk == _tail)
            {
                _tail = null;
            }

            ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }
    }

    internal void Clear()
    {
        while (_chunks.TryDequeue(out var chunk))
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }

        _tail = null;
        Length = 0;
    }

    private sealed class Chunk(byte[] buffer)
    {
        internal byte[] Buffer { get; } = buffer;

        internal int Start { get; set; }

        internal int End { get; set; }
    }
}
