using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Trial.Transports;

namespace Trial.Framing;

/// <summary>
/// The shared parser of the length-prefixed receivers (<see cref="Int32StringReceiver"/>,
/// <see cref="Int16StringReceiver"/>, <see cref="Int8StringReceiver"/>): each message is an unsigned big-endian
/// length followed by that many bytes, as in Twisted's <c>IntNStringReceiver</c>. Async code reads the same framing
/// with a <see cref="LengthPrefixedReader"/>.
/// </summary>
/// <remarks>
/// <para>
/// Messages are spans valid only during <see cref="StringReceived"/>: a message that arrived whole inside one
/// chunk is a slice of it, and only one split across chunks is copied into a reused buffer.
/// <see cref="PausableReceiver.PauseProducing"/> from a handler holds back further messages until
/// <see cref="PausableReceiver.ResumeProducing"/>. As in Twisted, closing the connection from a handler does not
/// stop the rest of the chunk's messages.
/// </para>
/// <para>
/// Differences from Twisted: after <see cref="LengthLimitExceeded"/> the receiver drops what it has and calls
/// the hook again, with the same length, each time more bytes arrive (Twisted does too, but also delivers again
/// the messages that came before the long prefix in its chunk); <see cref="PausableReceiver.DataReceived"/> called
/// from inside a handler queues its bytes behind the current chunk. A prefix announcing more than an array can
/// hold goes to <see cref="LengthLimitExceeded"/> whatever <see cref="MaxLength"/> says.
/// </para>
/// </remarks>
public abstract class IntNStringReceiver : PausableReceiver
{
    private LengthPrefixFramer _framer;
    private long? _exceededLength;

    private protected IntNStringReceiver(int prefixLength) => _framer = new LengthPrefixFramer(prefixLength, 99999);

    /// <summary>Gets or sets the longest message accepted; a longer length prefix goes to <see cref="LengthLimitExceeded"/>.</summary>
    /// <value>The default is 99999, as in Twisted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxLength
    {
        get => _framer.MaxLength;
        set => _framer.MaxLength = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The maximum message length must not be negative, but was {value}."));
    }

    /// <summary>Sends <paramref name="data"/> after its length prefix, in one write.</summary>
    /// <param name="data">The message.</param>
    /// <exception cref="ArgumentException">The message is too long for the prefix (Twisted's <c>StringTooLongError</c>).</exception>
    /// <exception cref="InvalidOperationException">The protocol is not connected to a transport.</exception>
    public void SendString(ReadOnlySpan<byte> data)
    {
        int prefixLength = _framer.PrefixLength;
        if (prefixLength < 4 && data.Length >= 1 << (8 * prefixLength))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A message sent with a {8 * prefixLength}-bit length prefix must be shorter than {1 << (8 * prefixLength)} bytes, but was {data.Length}."),
                nameof(data));
        }

        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)data.Length);
        FrameWriter.Write(Transport, GetType().Name, prefix[(4 - prefixLength)..], data);
    }

    /// <summary>Sends <paramref name="text"/>, encoded, after its length prefix, in one write.</summary>
    /// <param name="text">The message.</param>
    /// <param name="encoding">How to encode it; UTF-8 (without a byte order mark) when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The encoded message is too long for the prefix.</exception>
    /// <exception cref="InvalidOperationException">The protocol is not connected to a transport.</exception>
    public void SendString(string text, Encoding? encoding = null)
    {
        using var encoded = new EncodedText(text, encoding);
        SendString(encoded.Bytes);
    }

    /// <summary>Called with each message received.</summary>
    /// <param name="data">The message without its prefix; valid only during the call.</param>
    protected abstract void StringReceived(ReadOnlySpan<byte> data);

    /// <summary>
    /// Called when a length prefix exceeds <see cref="MaxLength"/>; the message is not delivered. By default closes
    /// the connection with <see cref="ITransport.LoseConnection"/>.
    /// </summary>
    /// <param name="length">The length the prefix announced.</param>
    protected virtual void LengthLimitExceeded(long length) => Transport?.LoseConnection();

    private protected override void Parse()
    {
        while (!Paused)
        {
            if (_exceededLength is long exceeded)
            {
                Input.Discard();
                LengthLimitExceeded(exceeded);
                return;
            }

            switch (Input.Next(ref _framer, out var message))
            {
                case FrameStatus.Complete:
                    StringReceived(message);
                    break;
                case FrameStatus.NeedMore:
                    return;
                default:
                    _exceededLength = _framer.AnnouncedLength;
                    Input.Discard();
                    LengthLimitExceeded(_framer.AnnouncedLength);
                    return;
            }
        }
    }
}
