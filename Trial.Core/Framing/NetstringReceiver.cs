using System.Globalization;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Framing;

/// <summary>
/// A protocol that sends and receives netstrings (<c>12:hello world!,</c>; see https://cr.yp.to/proto/netstrings.txt):
/// Twisted's <c>NetstringReceiver</c>, accepting and refusing exactly the inputs it does.
/// </summary>
/// <remarks>
/// <para>
/// Each payload goes to <see cref="StringReceived"/> as a span valid only during the call: a netstring that
/// arrived whole inside one chunk is a slice of it, and only one split across chunks is copied into a reused
/// buffer. As in Twisted, closing the connection from a handler does not stop the rest of the chunk's netstrings.
/// </para>
/// <para>
/// A malformed netstring (no length, a length over <see cref="MaxLength"/> or with a leading zero, no trailing
/// comma) sets <see cref="ParseError"/> and goes to <see cref="InvalidNetstringReceived"/>, which closes the
/// connection by default. Nothing after it is ever delivered: the receiver drops later bytes and, as Twisted
/// does, calls the hook again for each chunk that brings more. Errors are found as soon as the bytes show them,
/// at the same points as in Twisted (which accepts a length followed by a newline as a partial length until
/// more bytes arrive; so does this class).
/// </para>
/// <para>
/// Difference from Twisted: <see cref="DataReceived"/> called from inside a handler queues its bytes behind
/// the current chunk rather than parsing them in a nested loop; the order of delivery is the same.
/// </para>
/// </remarks>
public abstract class NetstringReceiver : Protocol
{
    private readonly PendingInput _input = new();
    private int _maxLength = 99999;
    private bool _parsingPayload;
    private int _expected;
    private bool _brokenWithData;

    /// <summary>Gets or sets the longest payload accepted; a longer length specification is a parse error.</summary>
    /// <value>The default is 99999, as in Twisted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxLength
    {
        get => _maxLength;
        set => _maxLength = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The maximum netstring length must not be negative, but was {value}."));
    }

    /// <summary>Gets the error that broke the stream, or <see langword="null"/> while every netstring was valid (Twisted's <c>brokenPeer</c>).</summary>
    public NetstringParseException? ParseError { get; private set; }

    /// <inheritdoc/>
    /// <remarks>Overrides must call the base method, which parses the bytes.</remarks>
    public override void DataReceived(ReadOnlySpan<byte> data) => _input.Feed(data, this, static self => self.Parse());

    /// <summary>Sends <paramref name="data"/> as one netstring, in one write.</summary>
    /// <param name="data">The payload.</param>
    /// <exception cref="InvalidOperationException">The protocol is not connected to a transport.</exception>
    public void SendString(ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[12];
        data.Length.TryFormat(length, out int written, default, CultureInfo.InvariantCulture);
        length[written++] = (byte)':';
        FrameWriter.Write(Transport, GetType().Name, length[..written], data, ","u8);
    }

    /// <summary>Called with the payload of each netstring received.</summary>
    /// <param name="data">The payload, without length or comma; valid only during the call.</param>
    protected abstract void StringReceived(ReadOnlySpan<byte> data);

    /// <summary>Called when the bytes received are not a valid netstring; by default closes the connection with <see cref="ITransport.LoseConnection"/>.</summary>
    /// <param name="error">What was wrong, also in <see cref="ParseError"/>.</param>
    protected virtual void InvalidNetstringReceived(NetstringParseException error) => Transport?.LoseConnection();

    private void Parse()
    {
        if (ParseError is { } error)
        {
            _brokenWithData |= _input.Length > 0;
            _input.Discard();
            if (_brokenWithData)
            {
                InvalidNetstringReceived(error);
            }

            return;
        }

        while (_input.Length > 0)
        {
            if ((!_parsingPayload && !ConsumeLength()) || !ConsumePayload())
            {
                return;
            }
        }
    }

    // Twisted matches (0|[1-9]\d*): at the front, or (0|[1-9]\d*)$ for a partial one; Python's $ also matches
    // before a final newline. Returns whether the length was consumed.
    private bool ConsumeLength()
    {
        int total = _input.Length;
        byte first = _input[0];
        if (first is < (byte)'0' or > (byte)'9')
        {
            return Fail(NetstringError.MissingLength, $"The received netstring does not start with a length specification: {Front(total)}.");
        }

        int digits = first == (byte)'0' ? 1 : _input.IndexOfAnyExceptInRange(0, (byte)'0', (byte)'9');
        if (digits < 0 || digits == total || (_input[digits] == (byte)'\n' && digits + 1 == total))
        {
            CheckLength(digits < 0 ? total : digits, out _);
            return false;
        }

        if (_input[digits] != (byte)':')
        {
            return Fail(NetstringError.MissingLength, $"The received netstring does not start with a length specification: {Front(total)}.");
        }

        if (!CheckLength(digits, out int length))
        {
            return false;
        }

        _input.Consume(digits + 1);
        _expected = length + 1;
        _parsingPayload = true;
        return true;
    }

    // Returns whether a netstring was delivered.
    private bool ConsumePayload()
    {
        int expected = _expected;
        var head = _input.Head;
        ReadOnlySpan<byte> frame;
        if (head.Length == 0 && _input.Tail.Length == 0)
        {
            frame = _input.Chunk;
            if (frame.Length < expected)
            {
                return false;
            }

            frame = frame[..expected];
            _input.AdvanceChunk(expected);
        }
        else
        {
            if (head.Length < expected && (_input.PullIntoHead(expected - head.Length) == 0 || head.Length < expected))
            {
                return false;
            }

            frame = head.Span[..expected];
            head.Advance(expected);
        }

        _parsingPayload = false;
        if (frame[^1] != (byte)',')
        {
            return Fail(NetstringError.MissingComma, string.Create(CultureInfo.InvariantCulture, $"The received netstring of length {expected - 1} is not terminated by a comma but by {ByteText.Quote(frame[^1..])}."));
        }

        StringReceived(frame[..^1]);
        return true;
    }

    private bool CheckLength(int digits, out int length)
    {
        length = 0;
        long value = 0;
        if (digits <= MaxLengthSize())
        {
            for (int i = 0; i < digits; i++)
            {
                value = (value * 10) + (_input[i] - '0');
            }

            if (value <= _maxLength)
            {
                length = (int)value;
                return true;
            }
        }

        return Fail(NetstringError.TooLong, string.Create(CultureInfo.InvariantCulture, $"The received netstring's length {Front(digits, 24)} exceeds the maximum {_maxLength}."));
    }

    // Twisted refuses a length with more digits than ceil(log10(MAX_LENGTH)) + 1 before converting it.
    private int MaxLengthSize()
    {
        int digits = 1;
        for (long power = 1; power < _maxLength; power *= 10)
        {
            digits++;
        }

        return digits;
    }

    private string Front(int count, int limit = 32)
    {
        Span<byte> front = stackalloc byte[Math.Min(count, limit + 1)];
        for (int i = 0; i < front.Length; i++)
        {
            front[i] = _input[i];
        }

        return ByteText.Quote(front, limit, count);
    }

    private bool Fail(NetstringError kind, string message)
    {
        var error = new NetstringParseException(kind, message);
        ParseError = error;
        _brokenWithData = _input.Length > 0;
        _input.Discard();
        InvalidNetstringReceived(error);
        return false;
    }
}
