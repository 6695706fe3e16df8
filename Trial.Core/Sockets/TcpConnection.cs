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
internal sealed partial class TcpConnection : ITlsTransport, IPollable, IRetryable, IReactorResource
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

    private Exception? _gracefulCloseReason;

    internal TcpConnection(SocketReactor reactor, Socket socket, System.Net.EndPoint? remote = null)
    {
        _reactor = reactor;
        Diagnostics.ResourceOrigins.Record(this);
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

    /// <summary>Gets a value indicating whether a write is taken: see <see cref="ITransport.LoseConnection"/> for the rule.</summary>
    private bool AcceptsWrites => !_lost && !_writeClosed && ((!_disconnecting && !_writeCloseRequested) || _producer is not null);

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
        if (!AcceptsWrites)
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
