using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Trial.Framing;

/// <summary>
/// Reads lines from a <see cref="PipeReader"/> or a <see cref="Stream"/>, for async code: the framing of
/// <see cref="LineReceiver"/> (same delimiter, same maximum length, same splitting, byte for byte), with no
/// protocol class to derive from.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ReadLineAsync"/> returns each line as a string; <see cref="ReadAsync"/> returns it as bytes that stay
/// valid until the next read and allocates nothing. Both return <see langword="null"/> when the input ends right
/// after a line; an input that ends inside a line throws <see cref="EndOfStreamException"/>, and a line longer
/// than <see cref="MaxLength"/> (found as soon as the bytes show it) throws <see cref="MessageTooLongException"/>.
/// After either error every read throws it again.
/// </para>
/// <para>
/// One read at a time. When a read returns, the bytes after the line are still in the pipe, so disposing the
/// reader leaves them there for other code to read (raw data after a header, say). Disposing a reader made over
/// a stream closes the stream unless it was made with <c>leaveOpen</c>.
/// </para>
/// </remarks>
/// <example>
/// Over a connection from a <c>StreamProtocol</c> (or any <see cref="PipeReader"/>):
/// <code>
/// using var lines = new LineReader(connection.Pipe.Input) { MaxLength = 1024 };
/// while (await lines.ReadLineAsync(cancellationToken) is { } line)
/// {
///     if (line == "QUIT")
///     {
///         break;
///     }
/// }
/// </code>
/// Without allocating per line:
/// <code>
/// while (await lines.ReadAsync(cancellationToken) is { } bytes)
/// {
///     Handle(bytes.Span);
/// }
/// </code>
/// </example>
public sealed class LineReader : IDisposable
{
    private readonly FrameReader<LineFramer> _reader;

    /// <summary>Initializes a reader of the lines in <paramref name="reader"/>; disposing it does not complete <paramref name="reader"/>.</summary>
    /// <param name="reader">Where the bytes come from.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    public LineReader(PipeReader reader)
        : this(reader, ownsReader: false)
    {
    }

    /// <summary>Initializes a reader of the lines in <paramref name="stream"/>.</summary>
    /// <param name="stream">Where the bytes come from.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public LineReader(Stream stream, bool leaveOpen = false)
        : this(FrameReader<LineFramer>.Over(stream, leaveOpen), ownsReader: true)
    {
    }

    private LineReader(PipeReader reader, bool ownsReader) =>
        _reader = new FrameReader<LineFramer>(reader, ownsReader, new LineFramer([(byte)'\r', (byte)'\n'], 16384), "line");

    /// <summary>Gets or sets the bytes that end a line; a copy is kept.</summary>
    /// <value>The default is <c>"\r\n"</c>, as in <see cref="LineReceiver"/>.</value>
    /// <exception cref="ArgumentException">The delimiter is empty.</exception>
    public ReadOnlyMemory<byte> Delimiter
    {
        get => _reader.Framer.Delimiter;
        set => _reader.Framer.Delimiter = !value.IsEmpty ? value.ToArray() : throw new ArgumentException("A line delimiter must not be empty.", nameof(value));
    }

    /// <summary>Gets or sets the longest line accepted, in bytes without the delimiter.</summary>
    /// <value>The default is 16384, as in <see cref="LineReceiver"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxLength
    {
        get => _reader.Framer.MaxLength;
        set => _reader.Framer.MaxLength = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The maximum line length must not be negative, but was {value}."));
    }

    /// <summary>Gets or sets how <see cref="ReadLineAsync"/> decodes lines.</summary>
    /// <value>The default is UTF-8 (invalid bytes become U+FFFD).</value>
    public Encoding Encoding { get; set; } = Encoding.UTF8;

    /// <summary>Reads the next line, without its delimiter, as bytes; allocates nothing.</summary>
    /// <param name="cancellationToken">Cancels waiting for bytes; a line already begun is kept for the next read.</param>
    /// <returns>The line, valid until the next read or disposal; <see langword="null"/> when the input ended after a whole line.</returns>
    /// <exception cref="MessageTooLongException">A line is longer than <see cref="MaxLength"/>.</exception>
    /// <exception cref="EndOfStreamException">The input ended inside a line.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken cancellationToken = default) => _reader.ReadAsync(cancellationToken);

    /// <summary>Reads the next line, without its delimiter, decoded with <see cref="Encoding"/>.</summary>
    /// <param name="cancellationToken">Cancels waiting for bytes; a line already begun is kept for the next read.</param>
    /// <returns>The line; <see langword="null"/> when the input ended after a whole line.</returns>
    /// <exception cref="MessageTooLongException">A line is longer than <see cref="MaxLength"/>.</exception>
    /// <exception cref="EndOfStreamException">The input ended inside a line.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken = default) => _reader.ReadStringAsync(Encoding, cancellationToken);

    /// <summary>Leaves the bytes after the last line read in the pipe, and closes a stream this reader was made over (unless left open).</summary>
    public void Dispose() => _reader.Dispose();
}
