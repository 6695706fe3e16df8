using System.Buffers.Binary;
using System.Globalization;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Framing;

/// <summary>
/// The shared parser of the length-prefixed receivers (<see cref="Int32StringReceiver"/>,
/// <see cref="Int16StringReceiver"/>, <see cref="Int8StringReceiver"/>): each message is an unsigned big-endian
/// length followed by that many bytes, as in Twisted's <c>IntNStringReceiver</c>.
/// </summary>
/// <remarks>
/// <para>
/// Messages are spans valid only during <see cref="StringReceived"/>: a message that arrived whole inside one
/// chunk is a slice of it, and only one split across chunks is copied into a reused buffer.
/// <see cref="PauseProducing"/> from a handler holds back further messages until <see cref="ResumeProducing"/>.
/// As in Twisted, closing the connection from a handler does not stop the rest of the chunk's messages.
/// </para>
/// <para>
/// Differences from Twisted: after <see cref="LengthLimitExceeded"/> the receiver drops what it has and calls
/// the hook again, with the same length, each time more bytes arrive (Twisted does too, but also delivers again
/// the messages that came before the long prefix in its chunk); <see cref="DataReceived"/> called from inside a
/// handler queues its bytes behind the current chunk.
/// </para>
/// </remarks>
public abstract class IntNStringReceiver : Protocol, IPushProducer
{
    private readonly PendingInput _input = new();
    private readonly int _prefixLength;
    private int _maxLength = 99999;
    private long? _exceededLength;

    private protected IntNStringReceiver(int prefixLength) => _prefixLength = prefixLength;

    /// <summary>Gets or sets the longest message accepted; a longer length prefix goes to <see cref="LengthLimitExceeded"/>.</summary>
    /// <value>The default is 99999, as in Twisted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxLength
    {
        get => _maxLength;
        set => _maxLength = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The maximum message length must not be negative, but was {value}."));
    }

    /// <summary>Gets a value indicating whether delivery is paused by <see cref="PauseProducing"/> or <see cref="StopProducing"/>.</summary>
    public bool Paused { get; private set; }

    /// <inheritdoc/>
    /// <remarks>Overrides must call the base method, which parses the bytes.</remarks>
    public override void DataReceived(ReadOnlySpan<byte> data) => _input.Feed(data, this, static self => self.Parse());

    /// <summary>Sends <paramref name="data"/> after its length prefix, in one write.</summary>
    /// <param name="data">The message.</param>
    /// <exception cref="ArgumentException">The message is too long for the prefix (Twisted's <c>StringTooLongError</c>).</exception>
    /// <exception cref="InvalidOperationException">The protocol is not connected to a transport.</exception>
    public void SendString(ReadOnlySpan<byte> data)
    {
        if (_prefixLength < 4 && data.Length >= 1 << (8 * _prefixLength))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A message sent with a {8 * _prefixLength}-bit length prefix must be shorter than {1 << (8 * _prefixLength)} bytes, but was {data.Length}."),
                nameof(data));
        }

        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)data.Length);
        FrameWriter.Write(Transport, GetType().Name, prefix[(4 - _prefixLength)..], data);
    }

    /// <summary>Stops delivering messages, including those already buffered, and pauses the transport.</summary>
    public void PauseProducing()
    {
        Paused = true;
        Transport?.PauseProducing();
    }

    /// <summary>Resumes the transport and delivers what was held back while paused.</summary>
    public void ResumeProducing()
    {
        Paused = false;
        Transport?.ResumeProducing();
        DataReceived(default);
    }

    /// <summary>Stops delivering for good and tells the transport to stop producing.</summary>
    public void StopProducing()
    {
        Paused = true;
        Transport?.StopProducing();
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

    private long ReadPrefix(ReadOnlySpan<byte> data) => _prefixLength switch
    {
        1 => data[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(data),
        _ => BinaryPrimitives.ReadUInt32BigEndian(data),
    };

    private void Parse()
    {
        int prefixLength = _prefixLength;
        while (!Paused)
        {
            if (_exceededLength is long exceeded)
            {
                _input.Discard();
                LengthLimitExceeded(exceeded);
                return;
            }

            var head = _input.Head;
            if (head.Length == 0 && _input.Tail.Length == 0)
            {
                var chunk = _input.Chunk;
                if (chunk.Length < prefixLength)
                {
                    return;
                }

                long length = ReadPrefix(chunk);
                if (length > _maxLength)
                {
                    Exceed(length);
                    return;
                }

                if (chunk.Length - prefixLength < length)
                {
                    return;
                }

                _input.AdvanceChunk(prefixLength + (int)length);
                StringReceived(chunk.Slice(prefixLength, (int)length));
                continue;
            }

            if (head.Length < prefixLength && _input.PullIntoHead(prefixLength - head.Length) == 0)
            {
                return;
            }

            if (head.Length < prefixLength)
            {
                continue;
            }

            long announced = ReadPrefix(head.Span);
            if (announced > _maxLength)
            {
                Exceed(announced);
                return;
            }

            long frame = prefixLength + announced;
            if (head.Length < frame && _input.PullIntoHead((int)(frame - head.Length)) == 0)
            {
                return;
            }

            if (head.Length < frame)
            {
                continue;
            }

            var message = head.Span.Slice(prefixLength, (int)announced);
            head.Advance((int)frame);
            StringReceived(message);
        }
    }

    private void Exceed(long length)
    {
        _exceededLength = length;
        _input.Discard();
        LengthLimitExceeded(length);
    }
}
