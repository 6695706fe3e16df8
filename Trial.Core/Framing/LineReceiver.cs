using System.Globalization;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Framing;

/// <summary>
/// A protocol that splits the bytes it receives into lines, or hands them over raw, depending on its mode:
/// Twisted's <c>LineReceiver</c>, with the same splitting, limits and mode switching, byte for byte.
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
/// chunk is delivered. <see cref="PauseProducing"/> from a handler stops delivery until
/// <see cref="ResumeProducing"/>, which delivers what was held back.
/// </para>
/// <para>
/// As in Twisted, <see cref="DataReceived"/> called from inside a handler (directly or through
/// <see cref="SetLineMode"/>) queues its bytes behind the rest of the current chunk. Difference from Twisted:
/// handlers return nothing (Twisted lets one return a value that stops parsing).
/// </para>
/// </remarks>
public abstract class LineReceiver : Protocol, IPushProducer
{
    private readonly PendingInput _input = new();
    private byte[] _delimiter = [(byte)'\r', (byte)'\n'];
    private int _maxLength = 16384;

    // How many buffered bytes at the front are known to hold no delimiter, so a long partial line is not rescanned.
    private int _searched;

    /// <summary>Gets or sets the bytes that end a line; a copy is kept.</summary>
    /// <value>The default is <c>"\r\n"</c>.</value>
    /// <exception cref="ArgumentException">The delimiter is empty.</exception>
    public ReadOnlyMemory<byte> Delimiter
    {
        get => _delimiter;
        set
        {
            if (value.IsEmpty)
            {
                throw new ArgumentException("A line delimiter must not be empty.", nameof(value));
            }

            _delimiter = value.ToArray();
            _searched = 0;
        }
    }

    /// <summary>
    /// Gets or sets the longest line accepted, in bytes without the delimiter; a longer line, or that many bytes
    /// plus the delimiter's length without a delimiter, goes to <see cref="LineLengthExceeded"/>.
    /// </summary>
    /// <value>The default is 16384, as in Twisted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxLength
    {
        get => _maxLength;
        set => _maxLength = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The maximum line length must not be negative, but was {value}."));
    }

    /// <summary>Gets a value indicating whether the receiver is in line mode (<see langword="false"/>: raw mode).</summary>
    public bool LineMode { get; private set; } = true;

    /// <summary>Gets a value indicating whether delivery is paused by <see cref="PauseProducing"/> or <see cref="StopProducing"/>.</summary>
    public bool Paused { get; private set; }

    /// <inheritdoc/>
    /// <remarks>Overrides must call the base method, which parses the bytes.</remarks>
    public override void DataReceived(ReadOnlySpan<byte> data) => _input.Feed(data, this, static self => self.Parse());

    /// <summary>Sends <paramref name="line"/> followed by the <see cref="Delimiter"/>, in one write.</summary>
    /// <param name="line">The line, without a delimiter.</param>
    /// <exception cref="InvalidOperationException">The protocol is not connected to a transport.</exception>
    public void SendLine(ReadOnlySpan<byte> line) => FrameWriter.Write(Transport, GetType().Name, line, _delimiter);

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
        _searched = 0;
        return _input.TakeAll();
    }

    /// <summary>Stops delivering lines, including those already buffered, and pauses the transport.</summary>
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

    private bool Disconnecting => Transport is { Disconnecting: true };

    private void Parse()
    {
        while (!Paused && _input.Length > 0)
        {
            if (!(LineMode ? NextLine() : NextRaw()))
            {
                return;
            }
        }
    }

    private bool NextRaw()
    {
        _searched = 0;
        RawDataReceived(_input.GatherAll());
        return true;
    }

    // Delivers at most one line; returns whether to go on parsing.
    private bool NextLine()
    {
        ReadOnlySpan<byte> delimiter = _delimiter;
        var head = _input.Head;
        if (head.Length == 0)
        {
            var chunk = _input.Chunk;
            int end = chunk.IndexOf(delimiter);
            if (end < 0)
            {
                if (chunk.IsEmpty || _input.Tail.Length > 0)
                {
                    _input.GatherIntoHead();
                    return true;
                }

                if (chunk.Length >= (long)_maxLength + delimiter.Length)
                {
                    Exceed();
                }

                return false;
            }

            if (end > _maxLength)
            {
                Exceed();
                return false;
            }

            _input.AdvanceChunk(end + delimiter.Length);
            LineReceived(chunk[..end]);
            return !Disconnecting;
        }

        var buffered = head.Span;
        int found = buffered[_searched..].IndexOf(delimiter);
        if (found < 0)
        {
            _searched = Math.Max(0, buffered.Length - delimiter.Length + 1);
            if (!_input.Chunk.IsEmpty)
            {
                PullThroughDelimiter(buffered, delimiter);
                return true;
            }

            if (_input.Tail.Length > 0)
            {
                _input.GatherIntoHead();
                return true;
            }

            if (buffered.Length >= (long)_maxLength + delimiter.Length)
            {
                Exceed();
            }

            return false;
        }

        found += _searched;
        if (found > _maxLength)
        {
            Exceed();
            return false;
        }

        var line = buffered[..found];
        head.Advance(found + delimiter.Length);
        _searched = 0;
        LineReceived(line);
        return !Disconnecting;
    }

    // The buffer holds no delimiter: append the chunk up to the end of the first delimiter that ends in it, or all of it.
    private void PullThroughDelimiter(ReadOnlySpan<byte> buffered, ReadOnlySpan<byte> delimiter)
    {
        var chunk = _input.Chunk;
        for (int overlap = Math.Min(delimiter.Length - 1, buffered.Length); overlap > 0; overlap--)
        {
            if (buffered.EndsWith(delimiter[..overlap]) && chunk.StartsWith(delimiter[overlap..]))
            {
                _input.PullIntoHead(delimiter.Length - overlap);
                return;
            }
        }

        int end = chunk.IndexOf(delimiter);
        _input.PullIntoHead(end < 0 ? chunk.Length : end + delimiter.Length);
    }

    private void Exceed()
    {
        _searched = 0;
        LineLengthExceeded(_input.GatherAll());
    }
}
