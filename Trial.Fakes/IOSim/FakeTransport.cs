using System.Globalization;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Fakes.IOSim;

/// <summary>
/// One end of an in-memory connection driven by an <see cref="IOPump"/>: what its protocol writes waits here
/// until the pump delivers it to the other end.
/// </summary>
/// <remarks>
/// <para>
/// It behaves as a real transport does. <see cref="LoseConnection"/> delivers every byte written before it, lets
/// a registered producer finish, and then both ends see a <see cref="Trial.Errors.ConnectionDoneException"/>;
/// once it is called this end reads nothing more, and writes are dropped unless a producer is still registered.
/// <see cref="AbortConnection"/> drops what is pending: this end sees a
/// <see cref="Trial.Errors.ConnectionAbortedException"/>, the other a <see cref="Trial.Errors.ConnectionResetException"/>.
/// <see cref="LoseWriteConnection"/> half-closes (see <see cref="IHalfCloseableProtocol"/>).
/// </para>
/// <para>
/// As a consumer it pauses a push producer when more than <see cref="HighWaterMark"/> bytes wait and resumes it
/// when no more than <see cref="LowWaterMark"/> do; it asks a pull producer for more (<c>ResumeProducing</c>) when
/// it is registered and each time the pump drains the buffer. As a producer of what it reads, pausing it stops
/// deliveries to its protocol until it is resumed.
/// </para>
/// <para>Nothing happens between pumps: closes, aborts and deliveries all wait for <see cref="IOPump.Pump"/>.</para>
/// </remarks>
public sealed class FakeTransport : ITransport
{
    /// <summary>The default <see cref="HighWaterMark"/>: 64 KiB.</summary>
    public const int DefaultHighWaterMark = 64 * 1024;

    /// <summary>The default <see cref="LowWaterMark"/>: 16 KiB.</summary>
    public const int DefaultLowWaterMark = 16 * 1024;

    private IProducer? _producer;
    private bool _streaming;
    private bool _producerPaused;
    private int _highWaterMark = DefaultHighWaterMark;
    private int _lowWaterMark = DefaultLowWaterMark;

    /// <summary>Initializes a new end; <see cref="IOPump.Connect"/> joins two of them.</summary>
    /// <param name="protocol">The protocol this end delivers to.</param>
    /// <param name="isServer"><see langword="true"/> for the accepting end, <see langword="false"/> for the connecting end.</param>
    /// <param name="hostAddress">What <see cref="LocalAddress"/> returns; a TCP address chosen by <paramref name="isServer"/> when <see langword="null"/>.</param>
    /// <param name="peerAddress">What <see cref="RemoteAddress"/> returns; a TCP address chosen by <paramref name="isServer"/> when <see langword="null"/>.</param>
    public FakeTransport(IProtocol protocol, bool isServer, IAddress? hostAddress = null, IAddress? peerAddress = null)
    {
        Protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
        IsServer = isServer;
        LocalAddress = hostAddress ?? (isServer ? IOPumpOptions.DefaultServerAddress : IOPumpOptions.DefaultClientAddress);
        RemoteAddress = peerAddress ?? (isServer ? IOPumpOptions.DefaultClientAddress : IOPumpOptions.DefaultServerAddress);
    }

    /// <summary>Gets the protocol this end delivers to.</summary>
    public IProtocol Protocol { get; }

    /// <summary>Gets a value indicating whether this is the accepting end.</summary>
    public bool IsServer { get; }

    /// <inheritdoc/>
    public IAddress LocalAddress { get; }

    /// <inheritdoc/>
    public IAddress RemoteAddress { get; }

    /// <summary>Gets a value indicating whether this end asked to close or abort, or the loss was delivered.</summary>
    public bool Disconnecting => CloseRequested || AbortRequested || Disconnected;

    /// <summary>Gets a value indicating whether the protocol has been told the connection is lost.</summary>
    public bool Disconnected { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="AbortConnection"/> was called on this end.</summary>
    public bool Aborted => AbortRequested;

    /// <summary>Gets a value indicating whether this end's protocol paused reading (<see cref="PauseProducing"/>).</summary>
    public bool ReadingPaused { get; private set; }

    /// <summary>Gets the registered producer, or <see langword="null"/>.</summary>
    public IProducer? Producer => _producer;

    /// <summary>Gets the number of bytes written and not yet delivered.</summary>
    public long BufferedByteCount => Outgoing.Length;

    /// <summary>Gets or sets how many buffered bytes a push producer may leave before it is paused.</summary>
    /// <value>The default is <see cref="DefaultHighWaterMark"/>; at least <see cref="LowWaterMark"/>.</value>
    public int HighWaterMark
    {
        get => _highWaterMark;
        set => _highWaterMark = value >= _lowWaterMark && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The high water mark must be positive and at least the low water mark ({_lowWaterMark})."));
    }

    /// <summary>Gets or sets how few buffered bytes let a paused push producer resume.</summary>
    /// <value>The default is <see cref="DefaultLowWaterMark"/>; between 0 and <see cref="HighWaterMark"/>.</value>
    public int LowWaterMark
    {
        get => _lowWaterMark;
        set => _lowWaterMark = value >= 0 && value <= _highWaterMark
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The low water mark must be between 0 and the high water mark ({_highWaterMark})."));
    }

    internal OutgoingBuffer Outgoing { get; } = new();

    internal FakeTransport? Peer { get; private set; }

    internal bool CloseRequested { get; private set; }

    internal bool WriteCloseRequested { get; private set; }

    internal bool WriteClosed { get; set; }

    internal bool AbortRequested { get; private set; }

    /// <summary>Gets a value indicating whether this end asked for its abort before the other end did.</summary>
    internal bool AbortedFirst { get; private set; }

    /// <summary>Gets or sets what runs after the protocol hears of the loss; a connection completer tells the client factory.</summary>
    internal Action<Exception>? Lost { get; set; }

    /// <summary>Gets a value indicating whether the pump may deliver bytes to this end now.</summary>
    internal bool Reading => !ReadingPaused && !CloseRequested && !AbortRequested && !Disconnected;

    /// <summary>Gets a value indicating whether a close asked for can complete: nothing waits and no producer has more to give.</summary>
    internal bool CanFinishClose => Outgoing.Length == 0 && (_producer is null || (_streaming && !_producerPaused));

    private bool AcceptsWrites => !Disconnected && !AbortRequested && !WriteClosed
        && ((!CloseRequested && !WriteCloseRequested) || _producer is not null);

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        if (!AcceptsWrites)
        {
            return;
        }

        Outgoing.Write(data);
        if (_streaming && !_producerPaused && Outgoing.Length > _highWaterMark && _producer is IPushProducer push)
        {
            _producerPaused = true;
            push.PauseProducing();
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
    public void LoseConnection() => CloseRequested = true;

    /// <inheritdoc/>
    public void LoseWriteConnection() => WriteCloseRequested = true;

    /// <inheritdoc/>
    public void AbortConnection()
    {
        if (!AbortRequested && !Disconnected)
        {
            AbortRequested = true;
            AbortedFirst = Peer is not { AbortRequested: true };
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A producer is already registered.</exception>
    public void RegisterProducer(IProducer producer, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (_producer is not null)
        {
            throw new InvalidOperationException($"Cannot register producer {producer} on {this} because producer {_producer} is already registered.");
        }

        if (streaming ? producer is not IPushProducer : producer is not IPullProducer)
        {
            throw new ArgumentException($"A {(streaming ? "streaming" : "non-streaming")} producer must implement {(streaming ? nameof(IPushProducer) : nameof(IPullProducer))}, but {producer.GetType().Name} does not.", nameof(producer));
        }

        if (Disconnected)
        {
            producer.StopProducing();
            return;
        }

        _producer = producer;
        _streaming = streaming;
        _producerPaused = false;
        if (!streaming)
        {
            ((IPullProducer)producer).ResumeProducing();
        }
        else if (Outgoing.Length > _highWaterMark)
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
    }

    /// <inheritdoc/>
    /// <remarks>Stops deliveries to this end's protocol until <see cref="ResumeProducing"/>.</remarks>
    public void PauseProducing() => ReadingPaused = true;

    /// <inheritdoc/>
    public void ResumeProducing() => ReadingPaused = false;

    /// <inheritdoc/>
    /// <remarks>Closes the connection, as <see cref="LoseConnection"/> does.</remarks>
    public void StopProducing() => LoseConnection();

    /// <inheritdoc/>
    public override string ToString() => $"FakeTransport<{(IsServer ? "S" : "C")},{Protocol.GetType().Name}>";

    internal void ThrowIfPaired()
    {
        if (Peer is not null)
        {
            throw new InvalidOperationException($"{this} is already connected to {Peer}.");
        }
    }

    internal void Pair(FakeTransport peer)
    {
        ThrowIfPaired();
        Peer = peer;
    }

    /// <summary>Tells the producer what the pump's delivery left in the buffer.</summary>
    internal void Drained()
    {
        switch (_producer)
        {
            case IPushProducer push when _streaming:
                if (_producerPaused && Outgoing.Length <= _lowWaterMark)
                {
                    _producerPaused = false;
                    push.ResumeProducing();
                }

                break;
            case IPullProducer pull when !_streaming && Outgoing.Length == 0:
                pull.ResumeProducing();
                break;
        }
    }

    /// <summary>Ends this end: drops what waits, stops the producer, then tells the protocol.</summary>
    internal void DeliverLost(Exception reason)
    {
        if (Disconnected)
        {
            return;
        }

        Disconnected = true;
        Outgoing.Clear();
        var producer = _producer;
        _producer = null;
        _producerPaused = false;
        producer?.StopProducing();
        Protocol.ConnectionLost(reason);
        Lost?.Invoke(reason);
    }
}
