using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Trial.Framing;

/// <summary>
/// Reads netstrings (<c>12:hello world!,</c>) from a <see cref="PipeReader"/> or a <see cref="Stream"/>, for async
/// code: the framing of <see cref="NetstringReceiver"/>, accepting and refusing exactly what it (and Twisted) does.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ReadAsync"/> returns each payload as bytes that stay valid until the next read and allocates nothing;
/// <see cref="ReadStringAsync"/> decodes it. Both return <see langword="null"/> when the input ends right after a
/// netstring; an input that ends inside one throws <see cref="EndOfStreamException"/>. A malformed netstring (no
/// length, a length over <see cref="MaxLength"/> or with a leading zero, no trailing comma) throws the
/// <see cref="NetstringParseException"/> the receiver would report, as soon as the bytes show it. After either
/// error every read throws it again.
/// </para>
/// <para>
/// One read at a time. Disposing leaves the bytes after the last netstring in the pipe, and closes a stream the
/// reader was made over unless it was made with <c>leaveOpen</c>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var netstrings = new NetstringReader(connection.Pipe.Input);
/// while (await netstrings.ReadStringAsync(cancellationToken) is { } text)
/// {
///     Console.WriteLine(text);
/// }
/// </code>
/// </example>
public sealed class NetstringReader : IDisposable
{
    private readonly FrameReader<NetstringFramer> _reader;

    /// <summary>Initializes a reader of the netstrings in <paramref name="reader"/>; disposing it does not complete <paramref name="reader"/>.</summary>
    /// <param name="reader">Where the bytes come from.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    public NetstringReader(PipeReader reader)
        : this(reader, ownsReader: false)
    {
    }

    /// <summary>Initializes a reader of the netstrings in <paramref name="stream"/>.</summary>
    /// <param name="stream">Where the bytes come from.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public NetstringReader(Stream stream, bool leaveOpen = false)
        : this(FrameReader<NetstringFramer>.Over(stream, leaveOpen), ownsReader: true)
    {
    }

    private NetstringReader(PipeReader reader, bool ownsReader) =>
        _reader = new FrameReader<NetstringFramer>(reader, ownsReader, new NetstringFramer(99999), "netstring");

    /// <summary>Gets or sets the longest payload accepted; a longer length specification is a parse error.</summary>
    /// <value>The default is 99999, as in <see cref="NetstringReceiver"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxLength
    {
        get => _reader.Framer.MaxLength;
        set => _reader.Framer.MaxLength = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The maximum netstring length must not be negative, but was {value}."));
    }

    /// <summary>Gets or sets how <see cref="ReadStringAsync"/> decodes payloads.</summary>
    /// <value>The default is UTF-8 (invalid bytes become U+FFFD).</value>
    public Encoding Encoding { get; set; } = Encoding.UTF8;

    /// <summary>Reads the next netstring's payload as bytes; allocates nothing.</summary>
    /// <param name="cancellationToken">Cancels waiting for bytes; a netstring already begun is kept for the next read.</param>
    /// <returns>The payload, valid until the next read or disposal; <see langword="null"/> when the input ended after a whole netstring.</returns>
    /// <exception cref="NetstringParseException">The bytes are not a valid netstring.</exception>
    /// <exception cref="EndOfStreamException">The input ended inside a netstring.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken cancellationToken = default) => _reader.ReadAsync(cancellationToken);

    /// <summary>Reads the next netstring's payload decoded with <see cref="Encoding"/>.</summary>
    /// <param name="cancellationToken">Cancels waiting for bytes; a netstring already begun is kept for the next read.</param>
    /// <returns>The payload; <see langword="null"/> when the input ended after a whole netstring.</returns>
    /// <exception cref="NetstringParseException">The bytes are not a valid netstring.</exception>
    /// <exception cref="EndOfStreamException">The input ended inside a netstring.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public ValueTask<string?> ReadStringAsync(CancellationToken cancellationToken = default) => _reader.ReadStringAsync(Encoding, cancellationToken);

    /// <summary>Leaves the bytes after the last netstring read in the pipe, and closes a stream this reader was made over (unless left open).</summary>
    public void Dispose() => _reader.Dispose();
}
