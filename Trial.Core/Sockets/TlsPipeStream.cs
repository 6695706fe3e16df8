namespace Trial.Sockets;

/// <summary>
/// The stream an <see cref="System.Net.Security.SslStream"/> runs over on the socket reactor: writes append TLS
/// records to the connection's write buffer at once, and reads are fed by the loop with the bytes the socket
/// delivered. Everything happens on the loop's thread; a read that finds nothing waits for the next feed,
/// and its completion runs the <see cref="System.Net.Security.SslStream"/> continuation inline, on the loop.
/// </summary>
internal sealed class TlsPipeStream : Stream
{
    private const int HighBacklog = 256 * 1024;
    private readonly TcpConnection _connection;
    private byte[] _backlog = new byte[16 * 1024];
    private int _start;
    private int _end;
    private Memory<byte> _pendingBuffer;
    private TaskCompletionSource<int>? _pending;
    private bool _eof;

    internal TlsPipeStream(TcpConnection connection) => _connection = connection;

    /// <summary>Gets a value indicating whether the loop should read more cipher bytes from the socket.</summary>
    internal bool WantsMore => _end - _start < HighBacklog;

    /// <summary>
    /// Gets a value indicating whether a read has returned the socket's end to the TLS layer. When the TLS layer
    /// then reports its own end, the peer closed TCP without close_notify; when it reports its end without having
    /// seen this, it read the peer's close_notify.
    /// </summary>
    internal bool EndDelivered { get; private set; }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Hands bytes read from the socket to the pending read, keeping the rest for later reads.</summary>
    internal void Feed(ReadOnlySpan<byte> data)
    {
        if (_pending is { } pending)
        {
            int n = Math.Min(data.Length, _pendingBuffer.Length);
            data[..n].CopyTo(_pendingBuffer.Span);
            Append(data[n..]);
            _pending = null;
            _pendingBuffer = default;
            pending.SetResult(n);
            return;
        }

        Append(data);
    }

    /// <summary>The socket reached its end: pending and later reads return 0.</summary>
    internal void FeedEnd()
    {
        _eof = true;
        if (_pending is { } pending)
        {
            _pending = null;
            _pendingBuffer = default;
            EndDelivered = true;
            pending.SetResult(0);
        }
    }

    /// <summary>The connection is gone: a pending read fails so the TLS layer lets go of it.</summary>
    internal void Abort()
    {
        _eof = true;
        if (_pending is { } pending)
        {
            _pending = null;
            _pendingBuffer = default;
            pending.SetException(new IOException($"The connection to {_connection.RemoteAddress} was closed."));
        }
    }

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_connection.Reactor.IsOnLoopThread)
        {
            // SslStream started this read off the loop: do it on the loop, where every completion happens.
            var completion = new TaskCompletionSource<int>();
            _connection.Reactor.CallFromThread(() =>
            {
                var read = ReadOnLoop(buffer);
                if (read.IsCompleted)
                {
                    completion.SetResult(read.Result);
                }
                else
                {
                    read.AsTask().ContinueWith(t => completion.SetFromTask(t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            });
            return new ValueTask<int>(completion.Task);
        }

        return ReadOnLoop(buffer);
    }

    private ValueTask<int> ReadOnLoop(Memory<byte> buffer)
    {
        if (_end > _start)
        {
            bool wasFull = !WantsMore;
            int n = Math.Min(buffer.Length, _end - _start);
            _backlog.AsSpan(_start, n).CopyTo(buffer.Span);
            _start += n;
            if (_start == _end)
            {
                _start = _end = 0;
            }

            if (wasFull && WantsMore)
            {
                _connection.CipherWanted();
            }

            return new ValueTask<int>(n);
        }

        if (_eof)
        {
            EndDelivered = true;
            return new ValueTask<int>(0);
        }

        if (_pending is not null)
        {
            throw new InvalidOperationException("The TLS layer issued a second read while one was pending.");
        }

        _pending = new TaskCompletionSource<int>();
        _pendingBuffer = buffer;
        _connection.CipherWanted();
        return new ValueTask<int>(_pending.Task);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The socket reactor's TLS stream reads asynchronously only.");

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer) => WriteOnLoop(buffer);

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => WriteOnLoop(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        WriteOnLoop(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        WriteOnLoop(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    private void WriteOnLoop(ReadOnlySpan<byte> data)
    {
        if (_connection.Reactor.IsOnLoopThread)
        {
            _connection.WriteRaw(data);
            return;
        }

        // Records must leave in the order SslStream made them: the loop runs posted work in FIFO order.
        var copy = data.ToArray();
        _connection.Reactor.CallFromThread(() => _connection.WriteRaw(copy));
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (_backlog.Length - _end < data.Length)
        {
            int live = _end - _start;
            var target = live + data.Length <= _backlog.Length ? _backlog : new byte[Math.Max(_backlog.Length * 2, live + data.Length)];
            _backlog.AsSpan(_start, live).CopyTo(target);
            _backlog = target;
            _start = 0;
            _end = live;
        }

        data.CopyTo(_backlog.AsSpan(_end));
        _end += data.Length;
    }
}
