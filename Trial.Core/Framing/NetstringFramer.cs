using System.Globalization;

namespace Trial.Framing;

/// <summary>
/// Netstring framing as Twisted's <c>NetstringReceiver</c> does it (<c>12:hello world!,</c>), refusing what it refuses
/// at the same points: no length specification, a length over <see cref="MaxLength"/> or with a leading zero, no
/// trailing comma. A netstring too long for an array is refused as too long, where Twisted would wait for it.
/// </summary>
internal struct NetstringFramer : IFramer
{
    // The largest frame a buffer can hold; longer netstrings are refused as too long rather than overflowing.
    private const long LargestFrame = 0x7FFFFFC7;

    // The whole frame's length once the length specification has been read and the payload is awaited; 0 before.
    private long _pendingFrame;

    public NetstringFramer(int maxLength) => MaxLength = maxLength;

    public int MaxLength { get; set; }

    /// <summary>Gets the error found by the last <see cref="Read"/> that answered <see cref="FrameStatus.Invalid"/>.</summary>
    public NetstringParseException? Error { get; private set; }

    /// <inheritdoc/>
    // Twisted matches (0|[1-9]\d*): at the front, or (0|[1-9]\d*)$ for a partial one; Python's $ also matches before a
    // final newline.
    public FrameStatus Read(ReadOnlySpan<byte> buffered, out Frame frame)
    {
        frame = default;
        _pendingFrame = 0;
        int total = buffered.Length;
        if (total == 0)
        {
            return FrameStatus.NeedMore;
        }

        byte first = buffered[0];
        if (first is < (byte)'0' or > (byte)'9')
        {
            return Fail(NetstringError.MissingLength, $"The received netstring does not start with a length specification: {Front(buffered, total)}.");
        }

        int digits = first == (byte)'0' ? 1 : buffered.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (digits < 0 || digits == total || (buffered[digits] == (byte)'\n' && digits + 1 == total))
        {
            return CheckLength(buffered, digits < 0 ? total : digits, out _) ? FrameStatus.NeedMore : FrameStatus.Invalid;
        }

        if (buffered[digits] != (byte)':')
        {
            return Fail(NetstringError.MissingLength, $"The received netstring does not start with a length specification: {Front(buffered, total)}.");
        }

        if (!CheckLength(buffered, digits, out int length))
        {
            return FrameStatus.Invalid;
        }

        long end = digits + 1L + length + 1;
        if (end > LargestFrame)
        {
            return Fail(NetstringError.TooLong, string.Create(CultureInfo.InvariantCulture, $"The received netstring's length {Front(buffered, digits, 24)} is more than a buffer can hold ({LargestFrame - digits - 2} bytes)."));
        }

        if (total < end)
        {
            _pendingFrame = end;
            return FrameStatus.NeedMore;
        }

        if (buffered[(int)end - 1] != (byte)',')
        {
            frame = new Frame(0, 0, (int)end);
            return Fail(NetstringError.MissingComma, string.Create(CultureInfo.InvariantCulture, $"The received netstring of length {length} is not terminated by a comma but by {ByteText.Quote(buffered.Slice((int)end - 1, 1))}."));
        }

        frame = new Frame(digits + 1, length, (int)end);
        return FrameStatus.Complete;
    }

    /// <inheritdoc/>
    /// <remarks>The rest of the frame once its length is known; before, up to the first byte that is not a digit (and the next, when it is a newline).</remarks>
    public readonly int Needed(ReadOnlySpan<byte> buffered, ReadOnlySpan<byte> more)
    {
        if (_pendingFrame > 0)
        {
            return (int)Math.Min(_pendingFrame - buffered.Length, more.Length);
        }

        int other = more.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return other < 0 ? more.Length : Math.Min(more.Length, other + (more[other] == (byte)'\n' ? 2 : 1));
    }

    /// <inheritdoc/>
    public readonly Exception Failure() => Error ?? new NetstringParseException();

    private static string Front(ReadOnlySpan<byte> buffered, int count, int limit = 32) =>
        ByteText.Quote(buffered[..Math.Min(count, limit + 1)], limit, count);

    private bool CheckLength(ReadOnlySpan<byte> buffered, int digits, out int length)
    {
        length = 0;
        long value = 0;
        if (digits <= MaxLengthSize())
        {
            for (int i = 0; i < digits; i++)
            {
                value = (value * 10) + (buffered[i] - '0');
            }

            if (value <= MaxLength)
            {
                length = (int)value;
                return true;
            }
        }

        Fail(NetstringError.TooLong, string.Create(CultureInfo.InvariantCulture, $"The received netstring's length {Front(buffered, digits, 24)} exceeds the maximum {MaxLength}."));
        return false;
    }

    // Twisted refuses a length with more digits than ceil(log10(MAX_LENGTH)) + 1 before converting it.
    private readonly int MaxLengthSize()
    {
        int digits = 1;
        for (long power = 1; power < MaxLength; power *= 10)
        {
            digits++;
        }

        return digits;
    }

    private FrameStatus Fail(NetstringError kind, string message)
    {
        Error = new NetstringParseException(kind, message);
        return FrameStatus.Invalid;
    }
}
