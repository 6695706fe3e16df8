using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Trial.Framing;

/// <summary>
/// The engine of the async readers (<see cref="LineReader"/>, <see cref="LengthPrefixedReader"/>,
/// <see cref="NetstringReader"/>): reads a <see cref="PipeReader"/> and cuts what arrives into messages with one
/// framer, through the same <see cref="FrameAssembler"/> as the protocol receivers.
/// </summary>
/// <remarks>
/// A message that lies inside one segment of the pipe is returned as a slice of it, and the read result is held (not
/// yet advanced past) until the next read; only a message split across segments or reads is copied, into a reused
/// buffer. So a read allocates nothing, and when the pipe already holds the next message it completes
/// synchronously. Between reads, every byte after the last message returned is still in the pipe (or, after a
/// cancelled read, part of an unfinished message is held here).
/// </remarks>
internal sealed class FrameReader<TFramer>
    where TFramer : struct, IFramer
{
    private readonly PipeReader _reader;
    private readonly bool _ownsReader;
    private readonly string _what;
    private readonly ByteBuffer _held = new();
    private TFramer _framer;
    private ReadOnlySequence<byte> _unread;
    private bool _holding;
    private bool _ended;
    private ExceptionDispatchInfo? _failure;
    private bool _disposed;

    /// <summary>Initializes a reader of <paramref name="reader"/>.</summary>
    /// <param name="reader">Where the bytes come from.</param>
    /// <param name="ownsReader">Whether disposing completes <paramref name="reader"/>.</param>
    /// <param name="framer">The framing.</param>
    /// <param name="what">What a message is called in errors ("line").</param>
    public FrameReader(PipeReader reader, bool ownsReader, TFramer framer, string what)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _ownsReader = ownsReader;
        _framer = framer;
        _what = what;
    }

    /// <summary>Gets the framer, to change its settings between reads.</summary>
    public ref TFramer Framer => ref _framer;

    /// <summary>Creates a pipe reader over <paramref name="stream"/>.</summary>
    public static PipeReader Over(Stream stream, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: leaveOpen));
    }

    /// <summary>Reads the next message: valid until the next read; <see langword="null"/> when the input ended after a whole message.</summary>
    public ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (TryNext(out var message))
            {
                return new(message);
            }
        }
        catch (Exception e)
        {
            return ValueTask.FromException<ReadOnlyMemory<byte>?>(e);
        }

        return ReadMoreAsync(cancellationToken);
    }

    /// <summary>Reads the next message and decodes it with <paramref name="encoding"/>; <see langword="null"/> at a clean end.</summary>
    public ValueTask<string?> ReadStringAsync(Encoding encoding, CancellationToken cancellationToken)
    {
        var read = ReadAsync(cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            return new(read.Result is { } message ? encoding.GetString(message.Span) : null);
        }

        return DecodeAsync(read, encoding);
    }

    /// <summary>Gives the unread bytes back to the pipe and, when this reader made the pipe, completes it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_holding)
        {
            _holding = false;
            _reader.AdvanceTo(_unread.Start);
        }

        if (_ownsReader)
        {
            _reader.Complete();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<string?> DecodeAsync(ValueTask<ReadOnlyMemory<byte>?> read, Encoding encoding) =>
        await read.ConfigureAwait(false) is { } message ? encoding.GetString(message.Span) : null;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadOnlyMemory<byte>?> ReadMoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                _reader.AdvanceTo(result.Buffer.Start);
                throw new OperationCanceledException($"The pending read of a {_what} was cancelled by CancelPendingRead.");
            }

            _unread = result.Buffer;
            _holding = true;
            _ended = result.IsCompleted;
            if (TryNext(out var message))
            {
                return message;
            }
        }
    }

    /// <summary>Looks for the next message in what was read; false when the pipe must be read again.</summary>
    private bool TryNext(out ReadOnlyMemory<byte>? message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _failure?.Throw();
        while (!_unread.IsEmpty)
        {
            var chunk = _unread.First;
            if (chunk.IsEmpty)
            {
                // A slice that starts at the end of a segment: step to the next one.
                var next = _unread.Start;
                _unread.TryGet(ref next, out _);
                _unread = _unread.Slice(next);
                continue;
            }

            var status = FrameAssembler.Next(ref _framer, _held, chunk.Span, out int used, out var frame, out var held);
            _unread = _unread.Slice(used);
            if (status == FrameStatus.Complete)
            {
                message = (held.IsEmpty ? chunk : held).Slice(frame.Start, frame.Length);
                return true;
            }

            if (status == FrameStatus.Invalid)
            {
                if (frame.End == 0 && !_unread.IsEmpty)
                {
                    // Judge the bad message on every byte already at hand, as Twisted would with one chunk holding
                    // them all: a partial netstring length refused as too long may prove to lack its colon.
                    foreach (var segment in _unread)
                    {
                        _held.Append(segment.Span);
                    }

                    _unread = _unread.Slice(_unread.End);
                    _framer.Read(_held.Span, out _);
                }

                Fail(_framer.Failure());
            }
        }

        if (_holding)
        {
            _holding = false;
            _reader.AdvanceTo(_unread.End);
            _unread = default;
        }

        message = null;
        if (_ended && _held.Length > 0)
        {
            Fail(new EndOfStreamException(string.Create(CultureInfo.InvariantCulture, $"The input ended inside a {_what}: the last {_held.Length} bytes, {ByteText.Quote(_held.Span)}, are not a whole {_what}.")));
        }

        return _ended;
    }

    private void Fail(Exception error)
    {
        _failure = ExceptionDispatchInfo.Capture(error);
        _failure.Throw();
    }
}
