using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Time;
using Trial.Transports;

namespace Trial.Fakes.Simulation;

/// <summary>One end of a simulated TCP connection, as its protocol sees it.</summary>
/// <remarks>
/// <para>
/// <see cref="LoseConnection"/> sends everything written before it, then a FIN; this end then hears
/// <see cref="ConnectionDoneException"/>, and so does the peer once it has read every byte. Writes after it are
/// dropped (as Twisted does) unless a producer is still registered. <see cref="AbortConnection"/> drops what is
/// unsent: this end hears <see cref="ConnectionAbortedException"/>, the peer <see cref="ConnectionResetException"/>
/// when the reset arrives. <see cref="LoseWriteConnection"/> half-closes (see <see cref="IHalfCloseableProtocol"/>).
/// </para>
/// <para>
/// A streaming producer is paused when more than <see cref="NetworkOptions.HighWaterMark"/> bytes wait unsent and
/// resumed at <see cref="NetworkOptions.LowWaterMark"/>; a pull producer is asked for more whenever nothing waits.
/// Pausing this transport stops deliveries to its protocol, so the peer's window fills and the peer's producer is
/// paused in turn.
/// </para>
/// </remarks>
internal sealed class StreamEnd : ITransport
{
    private readonly SimulatedNetwork _net;
    private IProducer? _producer;
    private bool _streaming;
    private bool _producerPaused;
    private bool _pullScheduled;
    private bool _closeRequested;
    private bool _writeCloseRequested;
    private bool _aborted;
    private IDelayedCall? _userTimeout;

    internal StreamEnd(SimulatedNetwork net, SimulatedHost host, long connectionId, TcpAddress local, TcpAddress remote)
    {
        _net = net;
        Host = host;
        ConnectionId = connectionId;
        Trial.Diagnostics.ResourceOrigins.Record(this);
        LocalAddress = local;
        RemoteAddress = remote;
    }

    /// <inheritdoc/>
    public IAddress LocalAddress { get; }

    /// <inheritdoc/>
    public IAddress RemoteAddress { get; }

    /// <inheritdoc/>
    public bool Disconnecting => _closeRequested || _aborted || Lost;

    internal SimulatedHost Host { get; }

    internal long ConnectionId { get; }

    internal Flow Out { get; set; } = null!;

    internal Flow In { get; set; } = null!;

    internal IProtocol? Protocol { get; private set; }

    /// <summary>Gets or sets the client connector to tell of the loss, for the connecting end.</summary>
    internal SimulatedConnector? Connector { get; set; }

    internal bool Established { get; private set; }

    internal bool Lost { get; private set; }

    /// <summary>Gets a value indicating whether the end died with its host's process, telling its protocol nothing.</summary>
    internal bool Killed { get; private set; }

    internal bool Gone => Lost || Killed;

    internal bool ReadPaused { get; private set; }

    internal bool ReadClosed { get; private set; }

    /// <summary>Gets a value indicating whether bytes that arrived may be handed to the protocol now.</summary>
    internal bool Reading => Established && !ReadPaused && !_closeRequested && !_aborted && !Gone && !ReadClosed;

    /// <summary>Gets a value indicating whether bytes that arrive are thrown away (the end is closing or gone).</summary>
    internal bool Discarding => _closeRequested || _aborted || Gone;

    private bool AcceptsWrites => !Gone && !_aborted && Out.FinOffset < 0
        && ((!_closeRequested && !_writeCloseRequested) || _producer is not null);

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        if (!AcceptsWrites || data.IsEmpty)
        {
            return;
        }

        Out.Append(data);
        if (_streaming && !_producerPaused && Out.Unsent > _net.Options.HighWaterMark && _producer is IPushProducer push)
        {
            _producerPaused = true;
            push.PauseProducing();
        }

        if (Established)
        {
            Out.TrySend();
        }
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
        if (Gone || _aborted)
        {
            return;
        }

        _closeRequested = true;
        FinishWritingIfDone();
    }

    /// <inheritdoc/>
    public void LoseWriteConnection()
    {
        if (Gone || _aborted)
        {
            return;
        }

        _writeCloseRequested = true;
        FinishWritingIfDone();
    }

    /// <inheritdoc/>
    public void AbortConnection()
    {
        if (Gone || _aborted)
        {
            return;
        }

        _aborted = true;
        Out.DropUnsent();
        Out.SendRst();
        _net.Soon(Host, () => Lose(new ConnectionAbortedException(), SegmentFlags.None));
    }

    /// <inheritdoc/>
    public void RegisterProducer(IProducer producer, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (_producer is not null)
        {
            throw new InvalidOperationException($"Cannot register producer {producer} on {this}: producer {_producer} is already registered.");
        }

        if (streaming ? producer is not IPushProducer : producer is not IPullProducer)
        {
            throw new ArgumentException($"A {(streaming ? "streaming" : "non-streaming")} producer must implement {(streaming ? nameof(IPushProducer) : nameof(IPullProducer))}, but {producer.GetType().Name} does not.", nameof(producer));
        }

        if (Gone)
        {
            producer.StopProducing();
            return;
        }

        _producer = producer;
        _streaming = streaming;
        _producerPaused = false;
        if (!streaming)
        {
            SchedulePull();
        }
        else if (Out.Unsent > _net.Options.HighWaterMark)
        {
            _producerPaused = true;
            ((IPushProducer)producer).PauseProducing();
        }
    }

    /// <inheritdoc/>
    public void UnregisterProducer()
    {
        _producer = null;
        _producerPaused = false;
        FinishWritingIfDone();
    }

    /// <inheritdoc/>
    public void PauseProducing() => ReadPaused = true;

    /// <inheritdoc/>
    public void ResumeProducing()
    {
        if (ReadPaused)
        {
            ReadPaused = false;
            _net.Soon(Host, In.DeliverToProtocol);
        }
    }

    /// <inheritdoc/>
    public void StopProducing() => LoseConnection();

    /// <inheritdoc/>
    public override string ToString() => $"SimulatedTransport({Host.Name} {LocalAddress} -> {RemoteAddress}, connection {ConnectionId})";

    /// <summary>The handshake completed for this end: build nothing more, tell the protocol, send what waited.</summary>
    internal void Establish(IProtocol protocol)
    {
        Protocol = protocol;
        Established = true;
        try
        {
            protocol.MakeConnection(this);
        }
        catch (Exception error)
        {
            ProtocolFailed(error);
        }

        if (!Gone)
        {
            Out.TrySend();
            In.DeliverToProtocol();
        }
    }

    internal void Receive(ReadOnlySpan<byte> data)
    {
        try
        {
            Protocol!.DataReceived(data);
        }
        catch (Exception error)
        {
            ProtocolFailed(error);
        }
    }

    /// <summary>Every byte before the peer's FIN was read.</summary>
    internal void EndOfStream()
    {
        ReadClosed = true;
        if (Protocol is IHalfCloseableProtocol halfCloseable)
        {
            halfCloseable.ReadConnectionLost();
            if (Out.FinSent)
            {
                Lose(new ConnectionDoneException(), SegmentFlags.None);
            }
        }
        else
        {
            Lose(new ConnectionDoneException(), SegmentFlags.Fin);
        }
    }

    internal void ResetByPeer() => Lose(new ConnectionResetException(), SegmentFlags.None);

    /// <summary>The FIN left: a full close is done, a half-close is told to the protocol.</summary>
    internal void FinLeft()
    {
        if (Gone)
        {
            return;
        }

        if (_closeRequested || ReadClosed)
        {
            _net.Soon(Host, () => Lose(new ConnectionDoneException(), SegmentFlags.None));
        }
        else if (Protocol is IHalfCloseableProtocol halfCloseable)
        {
            halfCloseable.WriteConnectionLost();
        }
    }

    /// <summary>Sending made progress: resume or ask the producer, and finish a close that waited for it.</summary>
    internal void Drained()
    {
        switch (_producer)
        {
            case IPushProducer push when _streaming && _producerPaused && Out.Unsent <= _net.Options.LowWaterMark:
                _producerPaused = false;
                push.ResumeProducing();
                break;
            case IPullProducer when !_streaming && Out.Unsent == 0:
                SchedulePull();
                break;
        }

        FinishWritingIfDone();
    }

    /// <summary>The peer read some of what this end sent; the user timeout starts over.</summary>
    internal void Acknowledged()
    {
        if (_userTimeout is { Active: true } timeout)
        {
            timeout.Cancel();
        }

        _userTimeout = null;
    }

    /// <summary>What this end sent cannot get through; unless that changes, the connection times out.</summary>
    internal void Stuck()
    {
        if (_userTimeout is null && !Gone)
        {
            _userTimeout = _net.Clock.CallLater(_net.Options.UserTimeout, UserTimedOut);
        }
    }

    /// <summary>The host's process died: no callback runs; the peer is told by a reset when <paramref name="reset"/>.</summary>
    internal void Kill(bool reset)
    {
        if (Gone)
        {
            return;
        }

        Killed = true;
        Acknowledged();
        if (reset)
        {
            Out.DropUnsent();
            Out.SendRst();
        }
    }

    /// <summary>Ends the connection for this end: drop what is unsent, stop the producer, tell the protocol and the factory.</summary>
    internal void Lose(Exception reason, SegmentFlags tellPeer)
    {
        if (Gone)
        {
            return;
        }

        Lost = true;
        Acknowledged();
        Out.DropUnsent();
        if (tellPeer == SegmentFlags.Fin)
        {
            Out.QueueFin();
            Out.TrySend();
        }
        else if (tellPeer == SegmentFlags.Rst)
        {
            Out.SendRst();
        }

        Host.Forget(this);
        _net.Record(TraceEventKind.ConnectionLost, Host.Id, Out.Channel, Out.Sent, 0, reason.GetType().Name);
        var producer = _producer;
        _producer = null;
        producer?.StopProducing();
        if (Established)
        {
            Protocol!.ConnectionLost(reason);
            Connector?.Lost(reason);
        }
    }

    private void UserTimedOut()
    {
        _userTimeout = null;
        if (!Gone && (Out.Unacknowledged || Out.Blackholed))
        {
            Lose(new ConnectionTimedOutException(), SegmentFlags.Rst);
        }
    }

    private void FinishWritingIfDone()
    {
        if ((_closeRequested || _writeCloseRequested) && !Gone && Out.FinOffset < 0 && Out.Unsent == 0
            && (_producer is null || (_streaming && !_producerPaused)))
        {
            Out.QueueFin();
            if (Established)
            {
                Out.TrySend();
            }
        }
    }

    private void SchedulePull()
    {
        if (_pullScheduled)
        {
            return;
        }

        _pullScheduled = true;
        _net.Soon(Host, () =>
        {
            _pullScheduled = false;
            if (_producer is IPullProducer pull && !_streaming && !Gone && Out.Unsent == 0)
            {
                pull.ResumeProducing();
            }
        });
    }

    private void ProtocolFailed(Exception error)
    {
        _net.LogProtocolError(Host, this, error);
        AbortConnection();
    }
}
