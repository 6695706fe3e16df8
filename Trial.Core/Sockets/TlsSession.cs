using System.Net.Security;
using Trial.Errors;

namespace Trial.Sockets;

/// <summary>
/// TLS on one connection of the socket reactor, through <see cref="SslStream"/> over a <see cref="TlsPipeStream"/>.
/// </summary>
/// <remarks>
/// The design: <see cref="SslStream"/>'s async API runs on the loop. Its writes land in the connection's write
/// buffer synchronously; its reads wait for bytes the loop feeds in, and those feeds complete them inline on
/// the loop, so handshakes, decryption and the protocol's callbacks all happen on the reactor's thread. A
/// completion that ever arrives on another thread is posted back to the loop. Plain writes made before the
/// handshake finishes are held and encrypted after it. A failed handshake aborts the connection with
/// <see cref="TlsHandshakeException"/>. As in Twisted's <c>TLSMemoryBIOProtocol</c>, the peer's close_notify is
/// answered with ours before TCP closes, and a TCP end without close_notify is a
/// <see cref="ConnectionLostException"/>, not a clean close.
/// </remarks>
internal sealed class TlsSession : IDisposable
{
    private readonly TcpConnection _connection;
    private readonly Action? _onReady;
    private readonly TlsPipeStream _pipe;
    private readonly SslStream _ssl;
    private readonly byte[] _plain = new byte[16 * 1024];
    private List<byte[]>? _held = [];
    private bool _handshakeDone;
    private bool _reading;
    private bool _paused;
    private bool _closeNotifySent;
    private bool _disposed;

    internal TlsSession(TcpConnection connection, Action? onReady)
    {
        _connection = connection;
        _onReady = onReady;
        _pipe = new TlsPipeStream(connection);
        _ssl = new SslStream(_pipe, leaveInnerStreamOpen: true);
    }

    /// <summary>Gets a value indicating whether the peer's plain stream has ended.</summary>
    internal bool PlainEofSeen { get; private set; }

    /// <summary>Gets a value indicating whether the loop should keep reading cipher bytes from the socket.</summary>
    internal bool WantsCipher => _pipe.WantsMore;

    internal void StartClient(SslClientAuthenticationOptions options) =>
        Observe(_ssl.AuthenticateAsClientAsync(options, CancellationToken.None));

    internal void StartServer(SslServerAuthenticationOptions options) =>
        Observe(_ssl.AuthenticateAsServerAsync(options, CancellationToken.None));

    internal void OnCipher(ReadOnlySpan<byte> data) => _pipe.Feed(data);

    internal void OnCipherEof() => _pipe.FeedEnd();

    internal void WritePlain(ReadOnlySpan<byte> data)
    {
        if (_held is { } held)
        {
            held.Add(data.ToArray());
            return;
        }

        Encrypt(data);
    }

    /// <summary>Queues TLS's close_notify once; returns whether it added bytes that must be flushed first.</summary>
    internal bool SendCloseNotify()
    {
        if (_closeNotifySent || !_handshakeDone || _disposed)
        {
            return false;
        }

        _closeNotifySent = true;
        long before = _connection.BufferedBytes;
        try
        {
            _ = _ssl.ShutdownAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }

        return _connection.BufferedBytes > before;
    }

    internal void PauseReading() => _paused = true;

    internal void ResumeReading()
    {
        if (!_paused)
        {
            return;
        }

        _paused = false;

        // Not inline: the caller may be inside DataReceived, under a read loop that is still running.
        _connection.Reactor.CallSoon(PumpReads);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _held = null;
        _pipe.Abort();
        _ssl.Dispose();
    }

    private void Observe(Task handshake) => handshake.ContinueWith(
        static (task, state) => ((TlsSession)state!).OnLoop(() => ((TlsSession)state!).HandshakeCompleted(task)),
        this,
        CancellationToken.None,
        TaskContinuationOptions.ExecuteSynchronously,
        TaskScheduler.Default);

    private void OnLoop(Action action)
    {
        if (_connection.Reactor.IsOnLoopThread)
        {
            action();
        }
        else
        {
            _connection.Reactor.CallFromThread(action);
        }
    }

    private void HandshakeCompleted(Task handshake)
    {
        if (_disposed || _connection.IsLost)
        {
            return;
        }

        if (!handshake.IsCompletedSuccessfully)
        {
            Exception error = handshake.Exception?.GetBaseException() ?? new OperationCanceledException("The TLS handshake was cancelled.");
            _connection.Fail(new TlsHandshakeException($"The TLS handshake with {_connection.RemoteAddress} failed: {error.Message}", error));
            return;
        }

        _handshakeDone = true;
        var held = _held!;
        _held = null;
        foreach (var data in held)
        {
            Encrypt(data);
        }

        _onReady?.Invoke();
        PumpReads();
    }

    private void Encrypt(ReadOnlySpan<byte> data)
    {
        if (_disposed || data.IsEmpty)
        {
            return;
        }

        try
        {
            _ssl.Write(data);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or NotSupportedException)
        {
            _connection.Fail(new ConnectionLostException($"Encrypting for {_connection.RemoteAddress} failed: {e.Message}", e));
        }
    }

    private void PumpReads()
    {
        while (_handshakeDone && !_reading && !_paused && !_disposed && !PlainEofSeen && !_connection.IsLost)
        {
            ValueTask<int> read;
            try
            {
                read = _ssl.ReadAsync(_plain);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or NotSupportedException)
            {
                ReadFailed(e);
                return;
            }

            if (read.IsCompletedSuccessfully)
            {
                if (!Delivered(read.Result))
                {
                    return;
                }

                continue;
            }

            _reading = true;
            read.AsTask().ContinueWith(
                static (task, state) => ((TlsSession)state!).OnLoop(() => ((TlsSession)state!).ReadCompleted(task)),
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return;
        }
    }

    private void ReadCompleted(Task<int> read)
    {
        _reading = false;
        if (_disposed)
        {
            return;
        }

        if (!read.IsCompletedSuccessfully)
        {
            ReadFailed(read.Exception?.GetBaseException() ?? new OperationCanceledException());
            return;
        }

        if (Delivered(read.Result))
        {
            PumpReads();
        }
    }

    private bool Delivered(int count)
    {
        if (count == 0)
        {
            PlainEofSeen = true;
            if (_pipe.EndDelivered)
            {
                // As Twisted does: an end of TCP without close_notify may have cut the data short.
                _connection.Fail(new ConnectionLostException($"The peer {_connection.RemoteAddress} closed the TCP connection without a TLS close_notify; data may have been cut short."));
            }
            else
            {
                _connection.OnPlainEof();
            }

            return false;
        }

        _connection.DeliverPlain(_plain.AsSpan(0, count));
        return true;
    }

    private void ReadFailed(Exception error)
    {
        if (!_connection.IsLost)
        {
            _connection.Fail(new ConnectionLostException($"Reading TLS data from {_connection.RemoteAddress} failed: {error.Message}", error));
        }
    }
}
