using System.Buffers;
using System.Text;

namespace Trial.Framing;

/// <summary>A string encoded into a pooled array for one send; dispose it to return the array.</summary>
internal ref struct EncodedText
{
    private byte[]? _rented;

    /// <summary>Encodes <paramref name="text"/> with <paramref name="encoding"/> (UTF-8 without a byte order mark by default).</summary>
    public EncodedText(string text, Encoding? encoding)
    {
        ArgumentNullException.ThrowIfNull(text);
        encoding ??= Encoding.UTF8;
        _rented = ArrayPool<byte>.Shared.Rent(encoding.GetMaxByteCount(text.Length));
        Bytes = _rented.AsSpan(0, encoding.GetBytes(text, _rented));
    }

    /// <summary>Gets the encoded bytes; valid until disposed.</summary>
    public ReadOnlySpan<byte> Bytes { get; private set; }

    /// <summary>Returns the array to the pool.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
            Bytes = default;
        }
    }
}
