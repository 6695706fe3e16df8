using System.Net.Sockets;
using Trial.Errors;
using Trial.Protocols;

namespace Trial.Sockets;

/// <content>Reading: readiness, the read loop with its per-turn budget, and the end of the peer's stream.</content>
internal sealed partial class TcpConnection
{
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

    /// <summary>The peer will send no more (plain) data: TCP's end, or TLS's close_notify.</summary>
    internal void OnPlainEof()
    {
        if (_lost)
        {
            return;
        }

        if (Tls is not null && _protocol is not IHalfCloseableProtocol)
        {
            // The peer's close_notify: answer with ours, after what is buffered, then close (Twisted's _shutdownTLS).
            // A close already under way sends it anyway.
            if (!_disconnecting)
            {
                _disconnecting = true;
                _gracefulCloseReason = new ConnectionDoneException($"The peer {RemoteAddress} closed the TLS connection cleanly.");
                _reactor.ScheduleFlush(this);
            }

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

    /// <summary>Called from a TLS handshake or read that wants more cipher bytes after holding back.</summary>
    internal void CipherWanted()
    {
        if (_readable && !_socketClosed)
        {
            _reactor.ScheduleRetry(this);
        }
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

            _reactor.CountReceived(received);

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
}
