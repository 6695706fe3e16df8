namespace Trial.Framing;

/// <summary>
/// A growable byte queue over one reused array: bytes are appended at the end and consumed from the front.
/// It allocates only when it must grow, so a steady stream of partial messages costs no garbage.
/// </summary>
/// <remarks>
/// Consuming never overwrites the array, so a span handed to a callback stays intact until the buffer is next
/// appended to; the receivers append only between callbacks.
/// </remarks>
internal sealed class ByteBuffer
{
    // Arrays larger than this are dropped once empty, so one burst does not pin memory for a connection's life.
    private const int RetainedCapacity = 64 * 1024;

    private byte[] _array = [];
    private int _start;
    private int _end;

    public int Length => _end - _start;

    public ReadOnlySpan<byte> Span => _array.AsSpan(_start, _end - _start);

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(_start, _end - _start);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        int length = _end - _start;
        if (_array.Length - _end < data.Length)
        {
            int needed = checked(length + data.Length);
            if (needed <= _array.Length && _start > 0 && length <= _array.Length / 2)
            {
                _array.AsSpan(_start, length).CopyTo(_array);
            }
            else
            {
                var grown = new byte[Math.Max(needed, Math.Min(Array.MaxLength, Math.Max(256, _array.Length * 2)))];
                _array.AsSpan(_start, length).CopyTo(grown);
                _array = grown;
            }

            _start = 0;
            _end = length;
        }

        data.CopyTo(_array.AsSpan(_end));
        _end += data.Length;
    }

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_end - _start))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Cannot consume {count} bytes from a buffer of {_end - _start}.");
        }

        _start += count;
        if (_start == _end)
        {
            Clear();
        }
    }

    public void Clear()
    {
        _start = 0;
        _end = 0;
        if (_array.Length > RetainedCapacity)
        {
            _array = [];
        }
    }

    /// <summary>Exchanges contents with <paramref name="other"/>, so queued bytes change hands without a copy.</summary>
    public void SwapWith(ByteBuffer other)
    {
        (_array, other._array) = (other._array, _array);
        (_start, other._start) = (other._start, _start);
        (_end, other._end) = (other._end, _end);
    }
}
