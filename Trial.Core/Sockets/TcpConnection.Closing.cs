using System.Net.Sockets;
using Trial.Errors;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Sockets;

/// <content>Sending and closing: the flush, producers, graceful close with lingering, half-close, abort and loss delivery.</content>
internal sealed partial class TcpConnection
{
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

        ScheduleLost(_gracefulCloseReason ?? new ConnectionDoneException($"The connection to {RemoteAddress} was closed cleanly by this side."));
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
}
