using System.Globalization;

namespace Trial.Framing;

/// <summary>
/// Line framing as Twisted's <c>LineReceiver</c> does it: a message ends at the first <see cref="Delimiter"/>; a line
/// longer than <see cref="MaxLength"/>, or that many bytes plus the delimiter's length with no delimiter, is invalid.
/// </summary>
internal struct LineFramer : IFramer
{
    private byte[] _delimiter;

    // How many bytes at the front of the last bytes shown are known to hold no delimiter, so a long partial line is
    // not rescanned each time more arrives.
    private int _searched;
    private long _tooLong;

    public LineFramer(byte[] delimiter, int maxLength)
    {
        _delimiter = delimiter;
        MaxLength = maxLength;
    }

    /// <summary>Gets or sets the bytes that end a line (not copied).</summary>
    public byte[] Delimiter
    {
        readonly get => _delimiter;
        set
        {
            _delimiter = value;
            _searched = 0;
        }
    }

    public int MaxLength { get; set; }

    /// <summary>Forgets what was searched, after the bytes were taken away by other means than <see cref="Read"/>.</summary>
    public void Reset() => _searched = 0;

    /// <inheritdoc/>
    public FrameStatus Read(ReadOnlySpan<byte> buffered, out Frame frame)
    {
        ReadOnlySpan<byte> delimiter = _delimiter;
        int searched = (uint)_searched <= (uint)buffered.Length ? _searched : 0;
        int found = buffered[searched..].IndexOf(delimiter);
        if (found < 0)
        {
            frame = default;
            if (buffered.Length >= (long)MaxLength + delimiter.Length)
            {
                _searched = 0;
                _tooLong = buffered.Length;
                return FrameStatus.Invalid;
            }

            _searched = Math.Max(0, buffered.Length - delimiter.Length + 1);
            return FrameStatus.NeedMore;
        }

        found += searched;
        _searched = 0;
        if (found > MaxLength)
        {
            frame = default;
            _tooLong = found;
            return FrameStatus.Invalid;
        }

        frame = new Frame(0, found, found + delimiter.Length);
        return FrameStatus.Complete;
    }

    /// <inheritdoc/>
    /// <remarks>Up to the end of the first delimiter that ends in <paramref name="more"/>, even one that starts in <paramref name="buffered"/>.</remarks>
    public readonly int Needed(ReadOnlySpan<byte> buffered, ReadOnlySpan<byte> more)
    {
        ReadOnlySpan<byte> delimiter = _delimiter;
        for (int overlap = Math.Min(delimiter.Length - 1, buffered.Length); overlap > 0; overlap--)
        {
            if (buffered.EndsWith(delimiter[..overlap]) && more.StartsWith(delimiter[overlap..]))
            {
                return delimiter.Length - overlap;
            }
        }

        int end = more.IndexOf(delimiter);
        return end < 0 ? more.Length : end + delimiter.Length;
    }

    /// <inheritdoc/>
    public readonly Exception Failure() => new MessageTooLongException(
        string.Create(CultureInfo.InvariantCulture, $"Received a line of at least {_tooLong} bytes, over the maximum of {MaxLength} (delimiter {ByteText.Quote(_delimiter)})."),
        _tooLong,
        MaxLength);
}
