namespace Trial.Fakes.IOSim;

/// <summary>
/// The bytes one side of a fake connection has written and the pump has not delivered yet: a queue of segments
/// over pooled <see cref="BufferBlock"/>s.
/// </summary>
/// <remarks>
/// <para>
/// Small writes are copied into the tail block, which is reused from its start once nothing refers to its bytes,
/// so a steady stream of writes allocates nothing. A large write of bytes that are being delivered to this side
/// at that moment (an echo, a proxy) is not copied at all: the segment refers to the sender's block, which stays
/// unchanged until the segment is delivered.
/// </para>
/// <para>Not thread-safe; the pump and the protocols run on one thread.</para>
/// </remarks>
internal sealed class OutgoingBuffer
{
    /// <summary>Writes at least this large are shared with the block being delivered instead of copied, when they lie in it.</summary>
    internal const int ShareThreshold = 4096;

    private const int FirstBlockSize = 4096;

    // The length stays a power of two, so indices wrap with a mask.
    private Segment[] _segments = new Segment[4];
    private int _head;
    private int _count;
    private BufferBlock? _tail;
    private BufferBlock? _receiving;

    // How large a tail to rent after an idle one went back to the pool: what the last one held, so a steady
    // burst size is rented at once instead of grown into.
    private int _tailHint = FirstBlockSize;

    /// <summary>Gets the number of bytes waiting.</summary>
    internal long Length { get; private set; }

    /// <summary>Appends a copy of <paramref name="data"/>, or a reference to it when it lies in the block being delivered to this side.</summary>
    internal void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (data.Length >= ShareThreshold && _receiving is { } receiving
            && receiving.Data.AsSpan(0, receiving.Length).Overlaps(data, out int offset)
            && offset >= 0 && offset + data.Length <= receiving.Length)
        {
            receiving.Refs++;
            Push(new Segment(receiving, offset, offset + data.Length));
        }
        else
        {
            Copy(data);
        }

        Length += data.Length;
    }

    /// <summary>Marks <paramref name="block"/> as being delivered to this side, so that writes of its bytes can share it; <see langword="null"/> clears it.</summary>
    internal void SetReceiving(BufferBlock? block) => _receiving = block;

    /// <summary>
    /// Takes the first <paramref name="length"/> bytes when one segment holds them all: the caller gets the block with
    /// a reference it must release once the bytes are delivered.
    /// </summary>
    /// <returns><see langword="false"/> when the bytes span segments; nothing is taken then.</returns>
    internal bool TryTakeContiguous(int length, out BufferBlock block, out int start)
    {
        ref var head = ref _segments[_head];
        if (_count == 0 || head.End - head.Start < length)
        {
            block = null!;
            start = 0;
            return false;
        }

        block = head.Block;
        start = head.Start;
        block.Refs++;
        Consume(length);
        return true;
    }

    /// <summary>Copies the first <c>destination.Length</c> bytes into <paramref name="destination"/> and takes them.</summary>
    internal void Take(Span<byte> destination)
    {
        Peek(destination);
        Consume(destination.Length);
    }

    /// <summary>Copies up to <c>destination.Length</c> bytes from the front without taking them.</summary>
    /// <returns>The number of bytes copied.</returns>
    internal int Peek(Span<byte> destination)
    {
        int copied = 0;
        for (int i = 0; i < _count && copied < destination.Length; i++)
        {
            var segment = _segments[(_head + i) & (_segments.Length - 1)];
            int n = Math.Min(segment.End - segment.Start, destination.Length - copied);
            segment.Block.Data.AsSpan(segment.Start, n).CopyTo(destination[copied..]);
            copied += n;
        }

        return copied;
    }

    /// <summary>
    /// Returns the tail block to the pool when nothing waits and nothing refers to it, so an idle or abandoned
    /// connection holds no pooled memory; the next write rents a block as large as the last one held.
    /// </summary>
    internal void ReleaseIdleTail()
    {
        if (_count == 0 && _tail is { Refs: 1 } tail)
        {
            _tailHint = Math.Max(FirstBlockSize, tail.Length);
            tail.Release();
            _tail = null;
        }
    }

    /// <summary>Drops every waiting byte and the tail block.</summary>
    internal void Clear()
    {
        while (_count > 0)
        {
            Pop().Block.Release();
        }

        Length = 0;
        _tail?.Release();
        _tail = null;
    }

    private void Consume(int length)
    {
        Length -= length;
        while (length > 0)
        {
            ref var head = ref _segments[_head];
            int n = Math.Min(head.End - head.Start, length);
            head.Start += n;
            length -= n;
            if (head.Start == head.End)
            {
                Pop().Block.Release();
            }
        }
    }

    private void Copy(ReadOnlySpan<byte> data)
    {
        var tail = _tail;
        if (tail is not null && tail.Refs == 1)
        {
            // Nothing refers to the tail's bytes any more: write from its start again, while it is still in cache.
            tail.Length = 0;
        }

        if (tail is null || tail.Data.Length - tail.Length < data.Length)
        {
            tail = NewTail(data.Length);
        }

        int start = tail.Length;
        data.CopyTo(tail.Data.AsSpan(start));
        tail.Length = start + data.Length;
        if (_count > 0)
        {
            ref var last = ref Last();
            if (last.Block == tail && last.End == start)
            {
                last.End = tail.Length;
                return;
            }
        }

        tail.Refs++;
        Push(new Segment(tail, start, tail.Length));
    }

    /// <summary>Replaces the tail with a block that has room for <paramref name="needed"/> more bytes.</summary>
    private BufferBlock NewTail(int needed)
    {
        var old = _tail;
        int capacity = old is null ? _tailHint : old.Data.Length;
        if (old is not null && _count > 0 && Last().Block == old && old.Refs == 2)
        {
            // Only the last segment refers to the old tail: move its bytes into a block twice as large, so
            // that a burst of writes stays in one segment and is delivered in one piece.
            ref var last = ref Last();
            int pending = last.End - last.Start;
            var grown = BufferBlock.Rent(Math.Max(checked(pending + needed), checked(capacity * 2)));
            old.Data.AsSpan(last.Start, pending).CopyTo(grown.Data);
            grown.Length = pending;
            grown.Refs = 2;
            last = new Segment(grown, 0, pending);
            old.Refs = 1;
            old.Release();
            _tail = grown;
            return grown;
        }

        var block = BufferBlock.Rent(Math.Max(needed, old is not null && old.Refs == 1 ? capacity * 2 : capacity));
        old?.Release();
        _tail = block;
        return block;
    }

    private ref Segment Last() => ref _segments[(_head + _count - 1) & (_segments.Length - 1)];

    private void Push(Segment segment)
    {
        if (_count == _segments.Length)
        {
            var grown = new Segment[_segments.Length * 2];
            for (int i = 0; i < _count; i++)
            {
                grown[i] = _segments[(_head + i) & (_segments.Length - 1)];
            }

            _segments = grown;
            _head = 0;
        }

        _segments[(_head + _count) & (_segments.Length - 1)] = segment;
        _count++;
    }

    private Segment Pop()
    {
        var segment = _segments[_head];
        _segments[_head] = default;
        _head = (_head + 1) & (_segments.Length - 1);
        _count--;
        return segment;
    }

    private struct Segment(BufferBlock block, int start, int end)
    {
        public BufferBlock Block = block;
        public int Start = start;
        public int End = end;
    }
}
