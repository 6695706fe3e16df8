using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Threading.Tasks.Sources;
using Trial.Transports;

namespace Trial.Streams;

/// <summary>
/// The output half of a <see cref="StreamProtocol"/>: a <see cref="PipeWriter"/> whose flushes write to the
/// transport. It is registered with the transport as a push producer, so a flush waits while the transport has
/// paused it (its buffer passed the high water mark) and completes when the transport resumes it.
/// </summary>
/// <remarks>
/// A waiting flush is a reusable value-task source, not a task: completing it runs a continuation that captured
/// no context inline, whatever context is current, where a task would send it to the thread pool.
/// </remarks>
internal sealed class TransportPipeWriter : PipeWriter, IPushProducer, IValueTaskSource<FlushResult>
{
    private readonly StreamProtocol _owner;
    private readonly Lock _gate = new();
    private byte[] _buffer = [];
    private int _written;
    private bool _completed;
    private bool _paused;
    private bool _closed;
    private ManualResetValueTaskSourceCore<FlushResult> _flush;
    private bool _waiting;
    private CancellationTokenRegistration _waitingCancellation;

    internal TransportPipeWriter(StreamProtocol owner) => _owner = owner;

    /// <inheritdoc/>
    public override bool CanGetUnflushedBytes => true;

    /// <inheritdoc/>
    public override long UnflushedBytes => _written;

    /// <inheritdoc/>
    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <inheritdoc/>
    public override void Advance(int bytes)
    {
        if ((uint)bytes > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, string.Create(CultureInfo.InvariantCulture, $"Cannot advance past the {_buffer.Length - _written} bytes of buffer handed out."));
        }

        _written += bytes;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Writes what was advanced to the transport, then completes at once unless the transport has paused this
    /// writer; then it completes when the transport resumes it. Once the connection is lost it completes with
    /// <see cref="FlushResult.IsCompleted"/> set and the bytes are dropped.
    /// </remarks>
    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfCompleted();
        SendBuffered();
        lock (_gate)
        {
            if (_closed)
            {
                return new(new FlushResult(isCanceled: false, isCompleted: true));
            }

            if (!_paused)
            {
                return new(default(FlushResult));
            }

            if (!_waiting)
            {
                _flush.Reset();
                _waiting = true;
                if (cancellationToken.CanBeCanceled)
                {
                    _waitingCancellation = cancellationToken.UnsafeRegister(static state => ((TransportPipeWriter)state!).CancelWaiting(), this);
                }
            }

            return new(this, _flush.Version);
        }
    }

    /// <inheritdoc/>
    public override void CancelPendingFlush() => Release(new FlushResult(isCanceled: true, isCompleted: false));

    /// <inheritdoc/>
    /// <remarks>
    /// Sends what is buffered, then closes the write side: a half-close when <paramref name="exception"/> is
    /// <see langword="null"/> (a full close if the transport cannot half-close), an abort otherwise.
    /// </remarks>
    public override void Complete(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }

        SendBuffered();
        _completed = true;
        ReturnBuffer();
        _owner.CloseOutput(exception);
    }

    /// <inheritdoc/>
    public void PauseProducing()
    {
        lock (_gate)
        {
            _paused = true;
        }
    }

    /// <inheritdoc/>
    public void ResumeProducing()
    {
        lock (_gate)
        {
            _paused = false;
        }

        Release(default);
    }

    /// <inheritdoc/>
    public void StopProducing()
    {
        lock (_gate)
        {
            _closed = true;
        }

        Release(new FlushResult(isCanceled: false, isCompleted: true));
    }

    /// <summary>Sends what is buffered and marks the writer complete without closing anything; the stream closes the whole connection itself.</summary>
    internal void CompleteQuietly()
    {
        if (!_completed)
        {
            SendBuffered();
            _completed = true;
            ReturnBuffer();
        }
    }

    private void SendBuffered()
    {
        if (_written == 0)
        {
            return;
        }

        int count = _written;
        _written = 0;
        _owner.Send(_buffer.AsSpan(0, count));
    }

    private void Reserve(int sizeHint)
    {
        ThrowIfCompleted();
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(checked(_written + needed), Math.Max(4096, _buffer.Length * 2)));
        _buffer.AsSpan(0, _written).CopyTo(grown);
        ReturnBuffer();
        _buffer = grown;
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
    }

    private void CancelWaiting() => Release(new FlushResult(isCanceled: true, isCompleted: false));

    /// <inheritdoc/>
    FlushResult IValueTaskSource<FlushResult>.GetResult(short token) => _flush.GetResult(token);

    /// <inheritdoc/>
    ValueTaskSourceStatus IValueTaskSource<FlushResult>.GetStatus(short token) => _flush.GetStatus(token);

    /// <inheritdoc/>
    void IValueTaskSource<FlushResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _flush.OnCompleted(continuation, state, token, flags);

    private void Release(FlushResult result)
    {
        CancellationTokenRegistration registration;
        lock (_gate)
        {
            if (!_waiting)
            {
                return;
            }

            _waiting = false;
            registration = _waitingCancellation;
            _waitingCancellation = default;
        }

        registration.Dispose();
        _flush.SetResult(result);
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException($"The output of the connection to {_owner.Transport?.RemoteAddress} was completed; nothing more can be written.");
        }
    }
}
