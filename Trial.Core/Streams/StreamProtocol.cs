using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Trial.Errors;
using Trial.Protocols;

namespace Trial.Streams;

/// <summary>
/// A protocol that hands its connection to async code: read and write it as a <see cref="System.IO.Stream"/>
/// (<see cref="Stream"/>) or as an <see cref="IDuplexPipe"/> (<see cref="Pipe"/>). Give it to any reactor (memory,
/// simulated or real sockets) as the connection's protocol, and write the rest of the code with <c>await</c>.
/// </summary>
/// <remarks>
/// <para>
/// Reads are served from the bytes that arrived. When the unread bytes pass <c>pauseReadingThreshold</c> the
/// transport is paused, and it is resumed once the reader brings them under <c>resumeReadingThreshold</c>, so a
/// slow reader holds back the peer. Writes go to the transport when flushed; the protocol registers itself as
/// the transport's producer, so a flush waits while the transport's write buffer is over its high water mark.
/// </para>
/// <para>
/// The end of the stream is a read of zero bytes (or a completed <see cref="ReadResult"/>): on a clean close, and
/// on the peer's half-close. Any other loss makes reads fail: the pipe with the loss's reason (such as a
/// <see cref="ConnectionResetException"/>), the stream with an <see cref="IOException"/> wrapping it.
/// Completing <c>Pipe.Output</c> half-closes the connection (a full close if the transport cannot half-close;
/// an abort when completed with an exception); disposing <see cref="Stream"/> closes it.
/// </para>
/// <para>
/// Nothing here blocks or starts threads: <c>await</c> continuations run where the awaiting code's
/// <see cref="SynchronizationContext"/> sends them. On a reactor's context (a <c>Clock</c>'s, in tests) they run
/// on the loop, in order, so async code is as deterministic as callback code. A synchronous
/// <see cref="Stream.Read(Span{byte})"/> returns what has arrived and throws when nothing has, since blocking the
/// reactor's thread would deadlock it.
/// </para>
/// <para>
/// Call it from the reactor's thread, unless <c>reactorContext</c> is given: then calls made elsewhere (by code
/// resumed on the thread pool, say) reach the transport through that context.
/// </para>
/// </remarks>
public sealed class StreamProtocol : Protocol, IHalfCloseableProtocol
{
    /// <summary>The default number of unread bytes that pauses the transport: 64 KiB.</summary>
    public const long DefaultPauseReadingThreshold = 64 * 1024;

    /// <summary>The default number of unread bytes under which a paused transport resumes: 32 KiB.</summary>
    public const long DefaultResumeReadingThreshold = 32 * 1024;

    private readonly System.IO.Pipelines.Pipe _input;
    private readonly TransportPipeWriter _output;
    private readonly SynchronizationContext? _reactorContext;
    private readonly Action _inputFlushed;
    private ConfiguredValueTaskAwaitable<FlushResult>.ConfiguredValueTaskAwaiter _inputFlush;
    private bool _inputDone;
    private bool _readingPaused;
    private bool _unflushedInput;

    /// <summary>Initializes a new protocol, to be connected by a reactor.</summary>
    /// <param name="reactorContext">
    /// The reactor's synchronization context, through which calls made off the reactor's thread reach the
    /// transport; <see langword="null"/> to call the transport directly (the caller is on the reactor's thread).
    /// </param>
    /// <param name="pauseReadingThreshold">How many unread bytes pause the transport; positive.</param>
    /// <param name="resumeReadingThreshold">Under how many unread bytes a paused transport resumes; from 0 to <paramref name="pauseReadingThreshold"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is out of range.</exception>
    public StreamProtocol(SynchronizationContext? reactorContext = null, long pauseReadingThreshold = DefaultPauseReadingThreshold, long resumeReadingThreshold = DefaultResumeReadingThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pauseReadingThreshold);
        if (resumeReadingThreshold < 0 || resumeReadingThreshold > pauseReadingThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(resumeReadingThreshold), resumeReadingThreshold, string.Create(CultureInfo.InvariantCulture, $"The resume threshold must be between 0 and the pause threshold ({pauseReadingThreshold})."));
        }

        _reactorContext = reactorContext;
        _input = new System.IO.Pipelines.Pipe(new PipeOptions(
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: pauseReadingThreshold,
            resumeWriterThreshold: resumeReadingThreshold,
            useSynchronizationContext: true));
        _output = new TransportPipeWriter(this);
        _inputFlushed = OnInputFlushed;
        Pipe = new ConnectionPipe(_input.Reader, _output);
        Stream = new ConnectionStream(this, _input.Reader, _output);
    }

    /// <summary>Gets the connection as a stream: reads return arrived bytes, writes go to the transport, disposing closes.</summary>
    public Stream Stream { get; }

    /// <summary>Gets the connection as a duplex pipe: <c>Input</c> holds arrived bytes, flushing <c>Output</c> writes to the transport.</summary>
    public IDuplexPipe Pipe { get; }

    /// <summary>Gets or sets what runs once the connection is made (after a TLS handshake): how the async connect and accept learn of it.</summary>
    internal Action<StreamProtocol>? OnConnected { get; set; }

    /// <inheritdoc/>
    /// <remarks>Registers this protocol as the transport's push producer, for write flow control.</remarks>
    public override void ConnectionMade()
    {
        Transport!.RegisterProducer(_output, streaming: true);
        OnConnected?.Invoke(this);
    }

    /// <inheritdoc/>
    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        if (_inputDone)
        {
            return;
        }

        _input.Writer.Write(data);
        if (_readingPaused)
        {
            _unflushedInput = true;
            return;
        }

        FlushInput();
    }

    /// <inheritdoc/>
    public override void ConnectionLost(Exception reason)
    {
        base.ConnectionLost(reason);
        _output.StopProducing();
        if (!_inputDone)
        {
            _inputDone = true;
            _input.Writer.Complete(reason is ConnectionDoneException ? null : reason);
        }
    }

    /// <inheritdoc/>
    void IHalfCloseableProtocol.ReadConnectionLost()
    {
        if (!_inputDone)
        {
            _inputDone = true;
            _input.Writer.Complete();
        }
    }

    /// <inheritdoc/>
    void IHalfCloseableProtocol.WriteConnectionLost()
    {
    }

    /// <summary>Writes <paramref name="data"/> to the transport, on the reactor's thread.</summary>
    internal void Send(ReadOnlySpan<byte> data)
    {
        if (OnReactor)
        {
            Transport?.Write(data);
        }
        else
        {
            byte[] copy = data.ToArray();
            _reactorContext!.Post(
                static state =>
                {
                    var (self, bytes) = ((StreamProtocol, byte[]))state!;
                    self.Transport?.Write(bytes);
                },
                (this, copy));
        }
    }

    /// <summary>Closes the write side on the reactor's thread: a half-close, or an abort when <paramref name="error"/> is given.</summary>
    internal void CloseOutput(Exception? error) => OnReactorThread(() =>
    {
        if (Transport is not { } transport || !Connected)
        {
            return;
        }

        if (error is not null)
        {
            transport.AbortConnection();
            return;
        }

        try
        {
            transport.LoseWriteConnection();
        }
        catch (NotSupportedException)
        {
            transport.LoseConnection();
        }
    });

    /// <summary>Sends what is buffered and closes the whole connection; the stream's disposal.</summary>
    internal void CloseFromStream()
    {
        _output.CompleteQuietly();
        _input.Reader.Complete();
        OnReactorThread(() =>
        {
            if (Connected)
            {
                Transport?.LoseConnection();
            }
        });
    }

    private bool OnReactor => _reactorContext is null || SynchronizationContext.Current == _reactorContext;

    private void OnReactorThread(Action action)
    {
        if (OnReactor)
        {
            action();
        }
        else
        {
            _reactorContext!.Post(static state => ((Action)state!)(), action);
        }
    }

    private void FlushInput()
    {
        var flush = _input.Writer.FlushAsync();
        if (flush.IsCompleted)
        {
            _inputDone |= flush.Result.IsCompleted;
            return;
        }

        _readingPaused = true;
        Transport!.PauseProducing();
        _inputFlush = flush.ConfigureAwait(false).GetAwaiter();
        _inputFlush.UnsafeOnCompleted(_inputFlushed);
    }

    /// <summary>Runs when the reader has brought the unread bytes under the resume threshold (inside its <c>AdvanceTo</c>).</summary>
    private void OnInputFlushed()
    {
        var result = _inputFlush.GetResult();
        _inputFlush = default;
        OnReactorThread(() =>
        {
            _readingPaused = false;
            _inputDone |= result.IsCompleted;
            if (!Connected)
            {
                return;
            }

            if (_unflushedInput && !_inputDone)
            {
                _unflushedInput = false;
                FlushInput();
            }

            if (!_readingPaused)
            {
                Transport!.ResumeProducing();
            }
        });
    }
}
