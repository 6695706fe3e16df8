using System.Globalization;
using System.Text;
using Trial.Transports;

namespace Trial.Framing;

/// <summary>
/// A protocol that splits the bytes it receives into lines, or hands them over raw, depending on its mode:
/// Twisted's <c>LineReceiver</c>, with the same splitting, limits and mode switching, byte for byte. Async code reads
/// the same framing with a <see cref="LineReader"/>.
/// </summary>
/// <remarks>
/// <para>
/// In line mode each line, without its <see cref="Delimiter"/>, goes to <see cref="LineReceived"/>; in raw mode
/// everything buffered and received goes to <see cref="RawDataReceived"/>. A handler may switch modes; the
/// switch applies to the rest of the chunk being parsed, so a line handler that calls <see cref="SetRawMode"/>
/// sees the bytes after its line as raw data, and a raw handler that calls <see cref="SetLineMode"/> with the
/// bytes it did not use has them parsed as lines.
/// </para>
/// <para>
/// Lines and raw data are spans valid only during the call: a line that arrived whole inside one chunk is a
/// slice of that chunk, and only a line split across chunks is copied (into a buffer the receiver reuses), so
/// parsing allocates nothing per line. Copy what you keep (<c>line.ToArray()</c>).
/// </para>
/// <para>
/// Once a handler closes the connection (<see cref="ITransport.Disconnecting"/>), no further line of the
/// chunk is delivered. <see cref="PausableReceiver.PauseProducing"/> from a handler stops delivery until
/// <see cref="PausableReceiver.ResumeProducing"/>, which delivers what was held back.
/// </para>
/// <para>
/// As in Twisted, <see cref="PausableReceiver.DataReceived"/> called from inside a handler (directly or through
/// <see cref="SetLineMode"/>) queues its bytes behind the rest of the current chunk. Difference from Twisted:
/// handlers return nothing (Twisted lets one return a value that stops parsing).
/// </para>
/// </remarks>
public abstract class LineReceiver : PausableReceiver
{
    private LineFramer _framer = new([(byte)'\r', (byte)'\n'], 16384);

    /// <summary>Gets or sets the bytes that end a line; a copy is kept.</summary>
    /// <value>The default is <c>"\r\n"</c>.</value>
    /// <exception cref="ArgumentException">The delimiter is empty.</exception>
    public ReadOnlyMemory<byte> Delimiter
    {
        get => _framer.Delimiter;
        set => _framer.Delimiter = !value.IsEmpty ? value.ToArray() : throw new ArgumentException("A line delimiter must not be empty.", nameof(value));
    }

    /// <summary>
    /// Gets or sets the longest line accepted, in bytes without the delimiter; a longer line, or that many bytes
    /// plus the delimiter's length without a delimiter, goes to <see cref="LineLengthExceeded"/>.
    /// </summary>
    /// <value>The default is 16384, as in Twisted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxLength
    {
        get => _framer.MaxLength;
        set => _framer.MaxLength = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The maximum line length must not be negative, but was {value}."));
    }

    /// <summary>Gets a value indicating whether the receiver is in line mode (<see langword="false"/>: raw mode).</summary>
    public bool LineMode { get; private set; } = true;

    /// <summary>Sends <paramref name="line"/> followed by the <see cref="Delimiter"/>, in one write.</summary>
    /// <param name="line">The line, without a delimiter.</param>
    /// <exception cref="InvalidOperationException">The protocol is not connected to a transport.</exception>
    public void SendLine(ReadOnlySpan<byte> line) => FrameWriter.Write(Transport, GetType().Name, line, _framer.Delimiter);

    /// <summary>Sends <paramref name="line"/>, encoded, followed by the <see cref="Delimiter"/>, in one write.</summary>
    /// <param name="line">The line, without a delimiter.</param>
    /// <param name="encoding">How to encode it; UTF-8 (without a byte order mark) when <see langword="null"/>.</param>
    /// <exception cref="InvalidOperationException">The protocol is not connected to a transport.</exception>
    public void SendLine(string line, Encoding? encoding = null)
    {
        using var encoded = new EncodedText(line, encoding);
        SendLine(encoded.Bytes);
    }

    /// <summary>Switches to raw mode: further bytes, starting with the rest of the current chunk, go to <see cref="RawDataReceived"/>.</summary>
    public void SetRawMode() => LineMode = false;

    /// <summary>Switches to line mode and parses <paramref name="extra"/> as line data.</summary>
    /// <param name="extra">
    /// Bytes a raw handler received but did not use; they are parsed before anything received later. Pass none
    /// when calling from a line handler.
    /// </param>
    public void SetLineMode(ReadOnlySpan<byte> extra = default)
    {
        LineMode = true;
        if (!extra.IsEmpty)
        {
            DataReceived(extra);
        }
    }

    /// <summary>Removes and returns every byte received but not yet delivered, including the rest of the chunk being parsed.</summary>
    /// <returns>The bytes, in the order they arrived.</returns>
    public byte[] ClearLineBuffer()
    {
        _framer.Reset();
        return Input.TakeAll();
    }

    /// <summary>Called with each line received in line mode.</summary>
    /// <param name="line">The line without its delimiter; valid only during the call.</param>
    protected abstract void LineReceived(ReadOnlySpan<byte> line);

    /// <summary>Called with the bytes received in raw mode.</summary>
    /// <param name="data">The bytes; valid only during the call.</param>
    /// <exception cref="NotSupportedException">Always, unless overridden: a receiver that uses raw mode must override this.</exception>
    protected virtual void RawDataReceived(ReadOnlySpan<byte> data) =>
        throw new NotSupportedException($"{GetType().Name} switched to raw mode but does not override RawDataReceived; {data.Length} bytes were not handled.");

    /// <summary>Called when a line is longer than <see cref="MaxLength"/>; by default closes the connection with <see cref="ITransport.LoseConnection"/>.</summary>
    /// <param name="line">
    /// Everything that was buffered, starting with the long line (so possibly several lines, or only the start of
    /// one); the buffer is empty when this runs. Valid only during the call.
    /// </param>
    protected virtual void LineLengthExceeded(ReadOnlySpan<byte> line) => Transport?.LoseConnection();

    private protected override void Parse()
    {
        while (!Paused && Input.Length > 0)
        {
            if (!LineMode)
            {
                _framer.Reset();
                RawDataReceived(Input.GatherAll());
                continue;
            }

            switch (Input.Next(ref _framer, out var line))
            {
                case FrameStatus.Complete:
                    LineReceived(line);
                    if (Transport is { Disconnecting: true })
                    {
                        return;
                    }

                    break;
                case FrameStatus.NeedMore:
                    return;
                default:
                    _framer.Reset();
                    LineLengthExceeded(Input.GatherAll());
                    return;
            }
        }
    }
}
