namespace Trial.Framing;

/// <summary>
/// The bytes a receiver has not parsed yet, kept so that whole messages are sliced straight out of the chunk
/// being delivered and only partial ones are copied.
/// </summary>
/// <remarks>
/// <para>
/// In order, the unparsed bytes are: <see cref="Head"/> (left over from earlier chunks), the rest of the chunk
/// being parsed (<see cref="Chunk"/>), and <see cref="Tail"/> (bytes handed in re-entrantly while the chunk
/// was being parsed, for instance by a line handler that calls <c>SetLineMode(extra)</c>). Outside
/// <see cref="Feed"/> only <see cref="Head"/> holds bytes.
/// </para>
/// <para>
/// The chunk is a span that a field cannot hold, so <see cref="Feed"/> pins it for the length of the parse and
/// keeps a pointer; <see cref="TakeAll"/> can then copy its unparsed rest even from inside a callback. The
/// pointer is cleared before <see cref="Feed"/> returns and never escapes.
/// </para>
/// </remarks>
internal sealed unsafe class PendingInput
{
    private byte* _chunk;
    private int _chunkLength;
    private int _chunkPosition;

    public ByteBuffer Head { get; } = new();

    public ByteBuffer Tail { get; } = new();

    /// <summary>Gets a value indicating whether a parse is running (a call into the receiver is re-entrant).</summary>
    public bool Busy { get; private set; }

    /// <summary>Gets the unparsed rest of the chunk being parsed; empty outside <see cref="Feed"/>.</summary>
    public ReadOnlySpan<byte> Chunk => new(_chunk + _chunkPosition, _chunkLength - _chunkPosition);

    public int Length => Head.Length + (_chunkLength - _chunkPosition) + Tail.Length;

    /// <summary>
    /// Runs <paramref name="parse"/> over <paramref name="data"/> and then keeps what it left unparsed; when a
    /// parse is already running, queues <paramref name="data"/> behind it instead.
    /// </summary>
    public void Feed<TState>(ReadOnlySpan<byte> data, TState state, Action<TState> parse)
    {
        if (Busy)
        {
            Tail.Append(data);
            return;
        }

        fixed (byte* pointer = data)
        {
            _chunk = pointer;
            _chunkLength = data.Length;
            _chunkPosition = 0;
            Busy = true;
            try
            {
                parse(state);
            }
            finally
            {
                GatherIntoHead();
                _chunk = null;
                _chunkLength = 0;
                _chunkPosition = 0;
                Busy = false;
            }
        }
    }

    /// <summary>
    /// Finds the next message in the unparsed bytes with <paramref name="framer"/>, copying only a message split
    /// across chunks, and marks what it used as parsed (see <see cref="FrameAssembler.Next"/>).
    /// </summary>
    /// <param name="framer">The framing.</param>
    /// <param name="message">On <see cref="FrameStatus.Complete"/>, the message; it stays intact until the next call.</param>
    public FrameStatus Next<TFramer>(ref TFramer framer, out ReadOnlySpan<byte> message)
        where TFramer : struct, IFramer
    {
        while (true)
        {
            if (_chunkPosition == _chunkLength && Tail.Length > 0)
            {
                // Bytes handed in re-entrantly are never sliced where they lie: a handler may append more to the tail.
                GatherIntoHead();
            }

            var chunk = Chunk;
            var status = FrameAssembler.Next(ref framer, Head, chunk, out int used, out var frame, out var held);
            _chunkPosition += used;
            if (status == FrameStatus.Complete)
            {
                message = held.IsEmpty ? chunk.Slice(frame.Start, frame.Length) : held.Span.Slice(frame.Start, frame.Length);
                return status;
            }

            message = default;
            if (status == FrameStatus.Invalid || Tail.Length == 0)
            {
                return status;
            }
        }
    }

    /// <summary>Marks <paramref name="count"/> bytes at the front of <see cref="Chunk"/> as parsed.</summary>
    public void AdvanceChunk(int count)
    {
        if ((uint)count > (uint)(_chunkLength - _chunkPosition))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Cannot consume {count} bytes from a chunk with {_chunkLength - _chunkPosition} left.");
        }

        _chunkPosition += count;
    }

    /// <summary>Moves up to <paramref name="count"/> bytes to the end of <see cref="Head"/>: from the chunk first, then from the tail.</summary>
    /// <returns>How many bytes moved.</returns>
    public int PullIntoHead(int count)
    {
        int moved = 0;
        var chunk = Chunk;
        if (!chunk.IsEmpty)
        {
            int take = Math.Min(count, chunk.Length);
            Head.Append(chunk[..take]);
            _chunkPosition += take;
            moved = take;
        }

        if (moved < count && _chunkPosition == _chunkLength && Tail.Length > 0)
        {
            int take = Math.Min(count - moved, Tail.Length);
            Head.Append(Tail.Span[..take]);
            Tail.Advance(take);
            moved += take;
        }

        return moved;
    }

    /// <summary>
    /// Gathers every unparsed byte into <see cref="Head"/>'s array and marks them all parsed, returning them as one
    /// span. The span stays intact until the head is next appended to, which happens only between callbacks.
    /// </summary>
    public ReadOnlySpan<byte> GatherAll()
    {
        if (Head.Length == 0 && Tail.Length == 0)
        {
            var chunk = Chunk;
            _chunkPosition = _chunkLength;
            return chunk;
        }

        GatherIntoHead();
        var all = Head.Span;
        Head.Clear();
        return all;
    }

    /// <summary>Copies out every unparsed byte and forgets them (Twisted's <c>clearLineBuffer</c>).</summary>
    public byte[] TakeAll()
    {
        var all = new byte[Length];
        Head.Span.CopyTo(all);
        Chunk.CopyTo(all.AsSpan(Head.Length));
        Tail.Span.CopyTo(all.AsSpan(all.Length - Tail.Length));
        Head.Clear();
        _chunkPosition = _chunkLength;
        Tail.Clear();
        return all;
    }

    /// <summary>Gets the unparsed byte at <paramref name="index"/>, counting from the front of the head.</summary>
    public byte this[int index]
    {
        get
        {
            if (index < Head.Length)
            {
                return Head.Span[index];
            }

            index -= Head.Length;
            var chunk = Chunk;
            return index < chunk.Length ? chunk[index] : Tail.Span[index - chunk.Length];
        }
    }

    /// <summary>Finds the first unparsed byte at or after <paramref name="start"/> outside [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <returns>Its index, or -1 when every byte from <paramref name="start"/> on is in the range.</returns>
    public int IndexOfAnyExceptInRange(int start, byte low, byte high)
    {
        int offset = 0;
        for (int piece = 0; piece < 3; piece++)
        {
            var span = piece switch { 0 => Head.Span, 1 => Chunk, _ => Tail.Span };
            if (start < offset + span.Length)
            {
                int from = Math.Max(0, start - offset);
                int found = span[from..].IndexOfAnyExceptInRange(low, high);
                if (found >= 0)
                {
                    return offset + from + found;
                }
            }

            offset += span.Length;
        }

        return -1;
    }

    /// <summary>Marks <paramref name="count"/> bytes at the front as parsed: from the head, then the chunk, then the tail.</summary>
    public void Consume(int count)
    {
        int fromHead = Math.Min(count, Head.Length);
        Head.Advance(fromHead);
        count -= fromHead;
        int fromChunk = Math.Min(count, _chunkLength - _chunkPosition);
        _chunkPosition += fromChunk;
        Tail.Advance(count - fromChunk);
    }

    /// <summary>Forgets every unparsed byte.</summary>
    public void Discard()
    {
        Head.Clear();
        _chunkPosition = _chunkLength;
        Tail.Clear();
    }

    /// <summary>Moves the chunk's unparsed rest, then the tail, into the head, keeping their order.</summary>
    public void GatherIntoHead()
    {
        if (Head.Length == 0 && _chunkPosition == _chunkLength)
        {
            Head.SwapWith(Tail);
        }
        else
        {
            Head.Append(Chunk);
            _chunkPosition = _chunkLength;
            Head.Append(Tail.Span);
        }

        Tail.Clear();
    }
}
