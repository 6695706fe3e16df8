using Trial.Addresses;
using Trial.Transports;

namespace Trial.Fakes.Memory;

/// <summary>
/// A UDP port that records the datagrams written to it instead of sending them, for testing a datagram protocol
/// alone. <see cref="MemoryReactor.ListenUdp"/> returns one.
/// </summary>
public sealed class FakeDatagramTransport : IDatagramTransport
{
    /// <summary>The address used when none is given: UDP 10.0.0.1 port 12345.</summary>
    public static readonly UdpAddress DefaultLocalAddress = new("10.0.0.1", 12345);

    private readonly List<SentDatagram> _written = [];

    /// <summary>Initializes a new port.</summary>
    /// <param name="localAddress">What <see cref="LocalAddress"/> returns; <see cref="DefaultLocalAddress"/> when <see langword="null"/>.</param>
    public FakeDatagramTransport(IAddress? localAddress = null) => LocalAddress = localAddress ?? DefaultLocalAddress;

    /// <inheritdoc/>
    public IAddress LocalAddress { get; }

    /// <summary>Gets every datagram written, in order.</summary>
    public IReadOnlyList<SentDatagram> Written => _written;

    /// <summary>Gets the peer given to <see cref="Connect"/>, or <see langword="null"/> when the port is not connected.</summary>
    public IAddress? ConnectedPeer { get; private set; }

    /// <summary>Gets a value indicating whether the port is open: <see langword="true"/> until <see cref="StopListening"/>.</summary>
    public bool Listening { get; private set; } = true;

    /// <summary>Gets or sets what runs once when the port stops; the memory reactor uses it to stop the protocol.</summary>
    internal Action? Stopped { get; set; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The port was stopped, or no destination was given and it is not connected.</exception>
    public void Write(ReadOnlySpan<byte> datagram, IAddress? destination = null)
    {
        if (!Listening)
        {
            throw new InvalidOperationException($"Cannot write a datagram of {datagram.Length} bytes: the port at {LocalAddress} was stopped.");
        }

        var to = destination ?? ConnectedPeer
            ?? throw new InvalidOperationException($"Cannot write a datagram of {datagram.Length} bytes without a destination: the port at {LocalAddress} is not connected.");
        _written.Add(new SentDatagram(datagram.ToArray(), to));
    }

    /// <inheritdoc/>
    public void Connect(IAddress peer) => ConnectedPeer = peer ?? throw new ArgumentNullException(nameof(peer));

    /// <inheritdoc/>
    /// <returns>A completed task; stopping again does nothing.</returns>
    public Task StopListening()
    {
        if (Listening)
        {
            Listening = false;
            var stopped = Stopped;
            Stopped = null;
            stopped?.Invoke();
        }

        return Task.CompletedTask;
    }
}
