using System.Net.Security;
using System.Net.Sockets;
using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Sockets;

/// <summary>
/// One TCP connection on the socket reactor: a non-blocking socket read and written on the loop, with a write
/// buffer flushed at the end of each loop turn, flow control, half-close, graceful close and abort.
/// </summary>
/// <remarks>
/// Writes are copied into the buffer and sent when the loop flushes, so many small writes in one callback
/// leave in few sends. A graceful close sends every buffered byte, shuts the write side, tells the protocol,
/// and then keeps draining the peer's input (up to <see cref="SocketReactorOptions.CloseLingerTimeout"/>)
/// before closing the socket, so late input cannot make the kernel reset the connection under the peer.
/// Losses are delivered on a later loop step, never from inside the call that caused them. As in Twisted, a
/// close waits for a registered pull producer to unregister (it is asked for more until then), while a
/// streaming producer that is not paused does not hold the close back.
/// </remarks>
internal sealed class TcpConnection : ITlsTransport, IPollable, IRetryable, IReactorResource
{
    private const int MaxReadsPerTurn = 16;
    private const int DirectSendThreshold = 8 * 1024;
    private readonly SocketReactor _reactor;
    private readonly WriteBuffer _out = new();
    private IProtocol? _protocol;
    private IProducer? _producer;
    private bool _streaming;
    private bool _producerPaused;
    private bool _readable;
    private bool _writable = true;
    private bool _hangup;
    private bool _readPaused;
    private bool _readEof;
    private bool _disconnecting;
    private bool _writeCloseRequested;
    private bool _writeClosed;
    private bool _lost;
    private bool _socketClosed;
    private bool _lingering;
    private bool _abortCalled;
    private Trial.Time.IDelayedCall? _lingerTimer;

    internal TcpConnection(SocketReactor reactor, Socket socket, System.Net.EndPoint? remote = null)
    {
        _reactor = reactor;
        Socket = socket;
        LocalAddress = Endpoints.Tcp(socket.LocalEndPoint);
        RemoteAddress = Endpoints.Tcp(remote ?? socket.RemoteEndPoint);
    }

    /// <inheritdoc/>
    public Socket Socket { get; }

    /// <inheritdoc/>
    public long Key { get; set; }

    /// <inheritdoc/>
    public IAddress LocalAddress { get; }

    /// <inheritdoc/>
    public IAddress RemoteAddress { get; }

    /// <inheritdoc/>
    public bool Disconnecting => _disconnecting || _abortCalled;

    /// <inheritdoc/>
    public bool WantsRead => !_socketClosed && (_lingering || (!_readPaused && !_readEof && (Tls?.WantsCipher ?? true)));

    /// <inheritdoc/>
    public bool WantsWrite => !_socketClosed && !_writable && _out.Length > 0;

    /// <inheritdoc/>
    public bool RetryQueued { get; set; }

    /// <summary>Gets or sets a value indicating whether the connection waits in the loop's flush list.</summary>
    internal bool FlushQueued { get; set; }

    /// <summary>Gets or sets what runs after the protocol's <c>ConnectionLost</c> (a connector's bookkeeping).</summary>
    internal Action<TcpConnection, Exception>? Lost { get; set; }

    /// <summary>Gets the TLS layer, once TLS has started.</summary>
    internal TlsSession? Tls { get; private set; }

    internal SocketReactor Reactor => _reactor;

    /// <summary>Gets a value indicating whether a protocol has been attached.</summary>
    internal bool HasProtocol => _protocol is not null;

    internal long BufferedBytes => _out.Length;

    /// <summary>Gets a value indicating whether the connection's end has been decided (its loss delivered or due).</summary>
    internal bool IsLost => _lost;

    /// <summary>Attaches the protocol and runs its <c>MakeConnection</c> (and so <c>ConnectionMade</c>).</summary>
    internal void Attach(IProtocol protocol)
    {
        _protocol = protocol;
        try
        {
            protocol.MakeConnection(this);
        }
        catch (Exception e)
        {
            ProtocolFailed(e);
        }
    }

    /// <summary>Starts TLS before any protocol is attached (<c>ListenTls</c>, <c>ConnectTls</c>).</summary>
    internal void BeginTls(SslClientAuthenticationOptions? client, SslServerAuthenticationOptions? server, Action onReady)
    {
        Tls = new TlsSession(this, onReady);
        if (client is not null)
        {
            Tls.StartClient(client);
        }
        else
        {
            Tls.StartServer(server!);
        }
    }

    /// <inheritdoc/>
    public void StartTls(SslClientAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfTlsStarted();
        Tls = new TlsSession(this, onReady: null);
        Tls.StartClient(options);
    }

    /// <inheritdoc/>
    public void StartTls(SslServerAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfTlsStarted();
        Tls = new TlsSession(this, onReady: null);
        Tls.StartServer(options);
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        if (_lost || _writeCloseRequested)
        {
            return;
        }

        if (Tls is { } tls)
        {
            tls.WritePlain(data);
            return;
        }

        WriteRaw(data);
    }

    /// <inheritdoc/>
    public void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var buffer in data)
        {
            Write(buffer.Span);
        }
    }

    /// <inheritdoc/>
    public void LoseConnection()
    {
        if (_lost || _disconnecting)
        {
            return;
        }

        _disconnecting = true;
        _reactor.ScheduleFlush(this);
    }

    /// <inheritdoc/>
    public void LoseWriteConnection()
    {
        if (_lost || _writeCloseRequested)
        {
            return;
        }

        _writeCloseRequested = true;
        _reactor.ScheduleFlush(this);
    }

    /// <inheritdoc/>
    public void AbortConnection()
    {
        _abortCalled = true;
        if (_lost)
        {
            if (_lingering)
            {
                CloseSocket(abortive: true);
            }

            return;
        }

        CloseSocket(abortive: true);
        ScheduleLost(new ConnectionAbortedException($"The connection to {RemoteAddress} was aborted by this side."));
    }

    /// <inheritdoc/>
    public void RegisterProducer(IProducer producer, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (_producer is not null)
        {
            throw new InvalidOperationException($"A producer ({_producer.GetType().Name}) is already registered on the connection to {RemoteAddress}; cannot register {producer.GetType().Name}.");
        }

        if (streaming ? producer is not IPushProducer : producer is not IPullProducer)
        {
            throw new ArgumentException($"{producer.GetType().Name} must implement {(streaming ? nameof(IPushProducer) : nameof(IPullProducer))} when streaming is {streaming}.", nameof(producer));
        }

        if (_lost)
        {
            producer.StopProducing();
            return;
        }

        _producer = producer;
        _streaming = streaming;
        _producerPaused = false;
        if (streaming)
        {
            PauseProducerIfFull();
        }
        else
        {
            _reactor.ScheduleFlush(this);
        }
    }

    /// <inheritdoc/>
    public void UnregisterProducer()
    {
        _producer = null;
        _producerPaused = false;
        if (_disconnecting || _writeCloseRequested)
        {
            _reactor.ScheduleFlush(this);
        }
    }

    /// <inheritdoc/>
    public void PauseProducing()
    {
        _readPaused = true;
        Tls?.PauseReading();
    }

    /// <inheritdoc/>
    public void ResumeProducing()
    {
        if (!_readPaused)
        {
            return;
        }

        _readPaused = false;
        if (_readable && !_socketClosed)
        {
            _reactor.ScheduleRetry(this);
        }

        Tls?.ResumeReading();
    }

    /// <inheritdoc/>
    /// <remarks>As in Twisted, a transport told to stop producing closes gracefully.</remarks>
    public void StopProducing() => LoseConnection();

    /// <inheritdoc/>
    public void OnEvents(PollEvents events)
    {
        if (_socketClosed)
        {
            return;
        }

        if ((events & PollEvents.Hangup) != 0)
        {
            _hangup = true;
            _readable = true;
            _writable = true;
        }

        if ((events & PollEvents.Writable) != 0)
        {
            _writable = true;
            if (_out.Length > 0 || _disconnecting || _writeCloseRequested)
            {
                _reactor.ScheduleFlush(this);
            }
        }

        if ((events & PollEvents.Readable) != 0)
        {
            _readable = true;
        }

        if (_readable)
        {
            ReadSome();
        }
    }

    /// <inheritdoc/>
    public void Retry()
    {
        if (_readable && !_socketClosed)
        {
            ReadSome();
        }
    }

    /// <summary>Sends what the socket takes, then serves the producer and finishes pending closes.</summary>
    internal void Flush()
    {
        if (_socketClosed)
        {
            return;
        }

        if (_writable)
        {
            while (_out.Length > 0)
            {
                var chunk = _out.Peek();
                int sent = Socket.Send(chunk, SocketFlags.None, out var error);
                if (error != SocketError.Success)
                {
                    if (error == SocketError.WouldBlock)
                    {
                        _writable = false;
                        break;
                    }

                    Fail(SocketErrors.Lost(error, "send"));
                    return;
                }

                _out.Consume(sent);
                if (sent < chunk.Length)
                {
                    _writable = false;
                    break;
                }
            }
        }

        AfterFlush();
    }

    /// <summary>Appends bytes that go on the wire as they are (plain data, or TLS records).</summary>
    internal void WriteRaw(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || _socketClosed || _writeClosed)
        {
            return;
        }

        if (data.Length >= DirectSendThreshold && _out.Length == 0 && _writable)
        {
            // A large write into an empty buffer goes straight to the socket: copying it first costs more
            // than the coalescing that buffering buys small writes.
            int sent = Socket.Send(data, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                data = data[sent..];
            }
            else if (error != SocketError.WouldBlock)
            {
                Fail(SocketErrors.Lost(error, "send"));
                return;
            }

            if (!data.IsEmpty)
            {
                _writable = false;
            }

            _reactor.ScheduleFlush(this);
            if (data.IsEmpty)
            {
                return;
            }
        }

        _out.Append(data);
        _reactor.ScheduleFlush(this);
        PauseProducerIfFull();
    }

    /// <summary>Hands decrypted (or plain) bytes to the protocol.</summary>
    internal void DeliverPlain(ReadOnlySpan<byte> data)
    {
        if (_lost || _protocol is null)
        {
            return;
        }

        try
        {
            _protocol.DataReceived(data);
        }
        catch (Exception e)
        {
            ProtocolFailed(e);
        }
    }

    /// <summary>The peer will send no more (plain) data.</summary>
    internal void OnPlainEof()
    {
        if (_lost)
        {
            return;
        }

        if (_protocol is IHalfCloseableProtocol halfCloseable && !_disconnecting)
        {
            try
            {
                halfCloseable.ReadConnectionLost();
            }
            catch (Exception e)
            {
                ProtocolFailed(e);
                return;
            }

            if (_writeClosed)
            {
                Close(new ConnectionDoneException($"The connection to {RemoteAddress} was closed cleanly in both directions."));
            }

            return;
        }

        Close(new ConnectionDoneException($"The peer {RemoteAddress} closed the connection cleanly."));
    }

    /// <summary>Ends the connection because of <paramref name="reason"/>: the socket closes and the loss is delivered.</summary>
    internal void Fail(Exception reason)
    {
        if (_lost)
        {
            CloseSocket(abortive: false);
            return;
        }

        CloseSocket(abortive: reason is TlsHandshakeException);
        ScheduleLost(reason);
    }

    /// <summary>A protocol callback threw: report it and abort this connection only.</summary>
    internal void ProtocolFailed(Exception error)
    {
        _reactor.ReportError(error);
        if (!_lost)
        {
            CloseSocket(abortive: true);
            ScheduleLost(new ConnectionAbortedException($"The connection to {RemoteAddress} was aborted because its protocol threw {error.GetType().Name}: {error.Message}", error));
        }
    }

    /// <summary>Called from a TLS handshake or read that wants more cipher bytes after holding back.</summary>
    internal void CipherWanted()
    {
        if (_readable && !_socketClosed)
        {
            _reactor.ScheduleRetry(this);
        }
    }

    /// <inheritdoc/>
    public void CloseForShutdown()
    {
        if (_lost)
        {
            CloseSocket(abortive: false);
            return;
        }

        // One last try to send what is buffered, without waiting for the peer.
        bool flushed = true;
        while (_out.Length > 0 && !_socketClosed)
        {
            var chunk = _out.Peek();
            int sent = Socket.Send(chunk, SocketFlags.None, out var error);
            if (error != SocketError.Success || sent < chunk.Length)
            {
                flushed = false;
                break;
            }

            _out.Consume(sent);
        }

        CloseSocket(abortive: !flushed);
        _lost = true;
        DeliverLost(new ConnectionLostException($"The reactor stopped with the connection to {RemoteAddress} open."));
    }

    private void ReadSome()
    {
        var buffer = _reactor.ReadBuffer;
        int reads = 0;
        while (_readable && !_socketClosed)
        {
            if (!_lingering && (_readPaused || _readEof || (Tls is { WantsCipher: false })))
            {
                return;
            }

            if (reads++ == MaxReadsPerTurn)
            {
                _reactor.ScheduleRetry(this);
                return;
            }

            int received = Socket.Receive(buffer, SocketFlags.None, out var error);
            if (error != SocketError.Success)
            {
                if (error == SocketError.WouldBlock)
                {
                    _readable = false;
                    return;
                }

                if (_lingering)
                {
                    CloseSocket(abortive: false);
                    return;
                }

                Fail(SocketErrors.Lost(error, "receive"));
                return;
            }

            if (received == 0)
            {
                _readable = false;
                OnReadEof();
                return;
            }

            if (!_lingering)
            {
                if (Tls is { } tls)
                {
                    tls.OnCipher(buffer.AsSpan(0, received));
                }
                else
                {
                    DeliverPlain(buffer.AsSpan(0, received));
                }
            }

            // A short read drained the socket: with edge-triggered polling a later arrival raises a new edge.
            // After a hang-up keep reading until the end of stream or the error shows itself.
            if (received < buffer.Length && !_hangup)
            {
                _readable = false;
                return;
            }
        }
    }

    private void OnReadEof()
    {
        _readEof = true;
        if (_lingering)
        {
            CloseSocket(abortive: false);
            return;
        }

        if (Tls is { } tls)
        {
            tls.OnCipherEof();
            return;
        }

        OnPlainEof();
    }

    private void AfterFlush()
    {
        if (_lost)
        {
            return;
        }

        if (_producer is { } producer)
        {
            try
            {
                if (_streaming)
                {
                    if (_producerPaused && _out.Length <= _reactor.Options.WriteBufferLowWaterMark)
                    {
                        _producerPaused = false;
                        ((IPushProducer)producer).ResumeProducing();
                    }
                }
                else
                {
                    // A pull producer finishes before a close: it is asked for more until it unregisters.
                    if (_out.Length == 0)
                    {
                        ((IPullProducer)producer).ResumeProducing();
                    }

                    return;
                }
            }
            catch (Exception e)
            {
                ProtocolFailed(e);
                return;
            }
        }

        if (_out.Length != 0 || _socketClosed)
        {
            return;
        }

        if (_disconnecting || (_writeCloseRequested && !_writeClosed))
        {
            if (Tls is { } tls && tls.SendCloseNotify())
            {
                // The close_notify record is in the buffer now; the next flush sends it and comes back here.
                return;
            }

            if (_disconnecting)
            {
                FinishGracefulClose();
            }
            else
            {
                ShutdownWrite();
            }
        }
    }

    private void FinishGracefulClose()
    {
        if (!_writeClosed)
        {
            TryShutdownSend();
        }

        if (_readEof)
        {
            CloseSocket(abortive: false);
        }
        else
        {
            _lingering = true;
            _lingerTimer = _reactor.CallLater(_reactor.Options.CloseLingerTimeout, () => CloseSocket(abortive: false));
            if (_readable)
            {
                _reactor.ScheduleRetry(this);
            }
        }

        ScheduleLost(new ConnectionDoneException($"The connection to {RemoteAddress} was closed cleanly by this side."));
    }

    private void ShutdownWrite()
    {
        if (!TryShutdownSend())
        {
            Fail(new ConnectionLostException($"Shutting down the write side of the connection to {RemoteAddress} failed."));
            return;
        }

        if (_protocol is IHalfCloseableProtocol halfCloseable)
        {
            try
            {
                halfCloseable.WriteConnectionLost();
            }
            catch (Exception e)
            {
                ProtocolFailed(e);
                return;
            }
        }

        if (_readEof && !_lost && (Tls is null || Tls.PlainEofSeen))
        {
            Close(new ConnectionDoneException($"The connection to {RemoteAddress} was closed cleanly in both directions."));
        }
    }

    private bool TryShutdownSend()
    {
        _writeClosed = true;
        try
        {
            Socket.Shutdown(SocketShutdown.Send);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Close(Exception reason)
    {
        if (_lost)
        {
            return;
        }

        CloseSocket(abortive: false);
        ScheduleLost(reason);
    }

    /// <summary>Closes the socket now, once; a lingering close only ever runs this.</summary>
    internal void CloseSocket(bool abortive)
    {
        if (_socketClosed)
        {
            return;
        }

        _socketClosed = true;
        if (_lingerTimer is { Active: true } timer)
        {
            timer.Cancel();
        }

        _reactor.Unregister(this);
        if (abortive)
        {
            try
            {
                Socket.LingerState = new LingerOption(true, 0);
            }
            catch (SocketException)
            {
                // Already reset by the peer; closing sends nothing more either way.
            }
        }

        Socket.Dispose();
        _out.Clear();
        _reactor.Untrack(this);
    }

    private void ScheduleLost(Exception reason)
    {
        if (_lost)
        {
            return;
        }

        _lost = true;
        _reactor.CallSoon(() => DeliverLost(reason));
    }

    private void DeliverLost(Exception reason)
    {
        var producer = _producer;
        _producer = null;
        if (producer is not null)
        {
            try
            {
                producer.StopProducing();
            }
            catch (Exception e)
            {
                _reactor.ReportError(e);
            }
        }

        Tls?.Dispose();
        if (_protocol is { } protocol)
        {
            try
            {
                protocol.ConnectionLost(reason);
            }
            catch (Exception e)
            {
                _reactor.ReportError(e);
            }
        }

        try
        {
            Lost?.Invoke(this, reason);
        }
        catch (Exception e)
        {
            _reactor.ReportError(e);
        }
    }

    private void PauseProducerIfFull()
    {
        if (_streaming && _producer is IPushProducer push && !_producerPaused && _out.Length > _reactor.Options.WriteBufferHighWaterMark)
        {
            _producerPaused = true;
            try
            {
                push.PauseProducing();
            }
            catch (Exception e)
            {
                ProtocolFailed(e);
            }
        }
    }

    private void ThrowIfTlsStarted()
    {
        if (Tls is not null)
        {
            throw new InvalidOperationException($"TLS has already started on the connection to {RemoteAddress}.");
        }
    }
}
