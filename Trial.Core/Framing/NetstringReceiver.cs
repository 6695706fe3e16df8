using System.Globalization;
using System.Text;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Framing;

/// <summary>
/// A protocol that sends and receives netstrings (<c>12:hello world!,</c>; see https://cr.yp.to/proto/netstrings.txt):
/// Twisted's <c>NetstringReceiver</c>, accepting and refusing exactly the inputs it does. Async code reads the same
/// framing with a <see cref="NetstringReader"/>.
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
/// Differences from Twisted: <see cref="DataReceived"/> called from inside a handler queues its bytes behind
/// the current chunk rather than parsing them in a nested loop; the order of delivery is the same. A length that
/// no buffer could hold (over about 2 GB, possible only with a <see cref="MaxLength"/> that high) is refused as too
/// long as soon as it is read, where Twisted would wait for the payload.
/// </para>
/// </remarks>
public abstract class NetstringReceiver : Protocol
{
    private readonly PendingInput _input = new();
    private NetstringFramer _framer = new(99999);
    private bool _brokenWithData;

    /// <summary>Gets or sets the longest payload accepted; a longer length specification is a parse error.</summary>
    /// <value>The default is 99999, as in Twisted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxLength
    {
        get => _framer.MaxLength;
        set => _framer.MaxLength = value >= 0
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

    /// <summary>Sends <paramref name="text"/>, encoded, as one netstring, in one write.</summary>
    /// <param name="text">The payload.</param>
    /// <param name="encoding">How to encode it; UTF-8 (without a byte order mark) when <see langword="null"/>.</param>
    /// <exception cref="InvalidOperationException">The protocol is not connected to a transport.</exception>
    public void SendString(string text, Encoding? encoding = null)
    {
        using var encoded = new EncodedText(text, encoding);
        SendString(encoded.Bytes);
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
            switch (_input.Next(ref _framer, out var payload))
            {
                case FrameStatus.Complete:
                    StringReceived(payload);
                    break;
                case FrameStatus.NeedMore:
                    return;
                default:
                    error = _framer.Error!;
                    ParseError = error;
                    _brokenWithData = _input.Length > 0;
                    _input.Discard();
                    InvalidNetstringReceived(error);
                    return;
            }
        }
    }
}
