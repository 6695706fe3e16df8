using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Trial.Framing;

/// <summary>
/// Reads length-prefixed messages from a <see cref="PipeReader"/> or a <see cref="Stream"/>, for async code: the
/// framing of <see cref="Int32StringReceiver"/>, <see cref="Int16StringReceiver"/> and
/// <see cref="Int8StringReceiver"/> (an unsigned big-endian length of 4, 2 or 1 bytes, then the message), with the
/// same maximum length.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ReadAsync"/> returns each message as bytes that stay valid until the next read and allocates nothing;
/// <see cref="ReadStringAsync"/> decodes it. Both return <see langword="null"/> when the input ends right after a
/// message; an input that ends inside one throws <see cref="EndOfStreamException"/>, and a prefix announcing more
/// than <see cref="MaxLength"/> throws <see cref="MessageTooLongException"/> before any of the message is read.
/// After either error every read throws it again.
/// </para>
/// <para>
/// One read at a time. Disposing leaves the bytes after the last message in the pipe, and closes a stream the
/// reader was made over unless it was made with <c>leaveOpen</c>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var messages = new LengthPrefixedReader(networkStream, prefixLength: 4) { MaxLength = 1 &lt;&lt; 20 };
/// while (await messages.ReadAsync(cancellationToken) is { } message)
/// {
///     Handle(message.Span);
/// }
/// </code>
/// </example>
public sealed class LengthPrefixedReader : IDisposable
{
    private readonly FrameReader<LengthPrefixFramer> _reader;

    /// <summary>Initializes a reader of the messages in <paramref name="reader"/>; disposing it does not complete <paramref name="reader"/>.</summary>
    /// <param name="reader">Where the bytes come from.</param>
    /// <param name="prefixLength">The length prefix's size in bytes: 4 (as <see cref="Int32StringReceiver"/>), 2 or 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="prefixLength"/> is not 1, 2 or 4.</exception>
    public LengthPrefixedReader(PipeReader reader, int prefixLength = 4)
        : this(reader, prefixLength, ownsReader: false)
    {
    }

    /// <summary>Initializes a reader of the messages in <paramref name="stream"/>.</summary>
    /// <param name="stream">Where the bytes come from.</param>
    /// <param name="prefixLength">The length prefix's size in bytes: 4 (as <see cref="Int32StringReceiver"/>), 2 or 1.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="prefixLength"/> is not 1, 2 or 4.</exception>
    public LengthPrefixedReader(Stream stream, int prefixLength = 4, bool leaveOpen = false)
        : this(FrameReader<LengthPrefixFramer>.Over(stream, leaveOpen), prefixLength, ownsReader: true)
    {
    }

    private LengthPrefixedReader(PipeReader reader, int prefixLength, bool ownsReader) =>
        _reader = new FrameReader<LengthPrefixFramer>(reader, ownsReader, new LengthPrefixFramer(prefixLength, 99999), "length-prefixed message");

    /// <summary>Gets the length prefix's size in bytes.</summary>
    public int PrefixLength => _reader.Framer.PrefixLength;

    /// <summary>Gets or sets the longest message accepted.</summary>
    /// <value>The default is 99999, as in <see cref="IntNStringReceiver"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxLength
    {
        get => _reader.Framer.MaxLength;
        set => _reader.Framer.MaxLength = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The maximum message length must not be negative, but was {value}."));
    }

    /// <summary>Gets or sets how <see cref="ReadStringAsync"/> decodes messages.</summary>
    /// <value>The default is UTF-8 (invalid bytes become U+FFFD).</value>
    public Encoding Encoding { get; set; } = Encoding.UTF8;

    /// <summary>Reads the next message, without its prefix, as bytes; allocates nothing.</summary>
    /// <param name="cancellationToken">Cancels waiting for bytes; a message already begun is kept for the next read.</param>
    /// <returns>The message, valid until the next read or disposal; <see langword="null"/> when the input ended after a whole message.</returns>
    /// <exception cref="MessageTooLongException">A prefix announces more than <see cref="MaxLength"/>.</exception>
    /// <exception cref="EndOfStreamException">The input ended inside a message.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken cancellationToken = default) => _reader.ReadAsync(cancellationToken);

    /// <summary>Reads the next message, without its prefix, decoded with <see cref="Encoding"/>.</summary>
    /// <param name="cancellationToken">Cancels waiting for bytes; a message already begun is kept for the next read.</param>
    /// <returns>The message; <see langword="null"/> when the input ended after a whole message.</returns>
    /// <exception cref="MessageTooLongException">A prefix announces more than <see cref="MaxLength"/>.</exception>
    /// <exception cref="EndOfStreamException">The input ended inside a message.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public ValueTask<string?> ReadStringAsync(CancellationToken cancellationToken = default) => _reader.ReadStringAsync(Encoding, cancellationToken);

    /// <summary>Leaves the bytes after the last message read in the pipe, and closes a stream this reader was made over (unless left open).</summary>
    public void Dispose() => _reader.Dispose();
}
