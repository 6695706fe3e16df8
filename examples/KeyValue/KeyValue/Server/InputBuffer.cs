namespace Examples.KeyValue.Server;

/// <summary>Bytes received and not yet parsed, in one array that grows as needed and is compacted, not reallocated, as it is consumed.</summary>
internal sealed class InputBuffer
{
    private byte[] _array = new byte[4096];
    private int _start;
    private int _end;

    public ReadOnlySpan<byte> Span => _array.AsSpan(_start, _end - _start);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_array.Length - _end < data.Length)
        {
            int length = _end - _start;
            if (_array.Length - length < data.Length)
            {
                var larger = new byte[Math.Max(_array.Length * 2, length + data.Length)];
                Span.CopyTo(larger);
                _array = larger;
            }
            else
            {
                Span.CopyTo(_array);
            }

            _start = 0;
            _end = length;
        }

        data.CopyTo(_array.AsSpan(_end));
        _end += data.Length;
    }

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }
}
