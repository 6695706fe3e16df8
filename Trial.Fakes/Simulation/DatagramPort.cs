using System.Net;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Fakes.Simulation;

/// <summary>A UDP port of a simulated host: what its protocol writes crosses the network's links as datagrams.</summary>
/// <remarks>
/// A datagram larger than the receiver's maximum packet size is truncated, as a real socket does. Datagrams to a port
/// nothing listens on, or to a crashed host, are lost (recorded in the trace).
/// </remarks>
internal sealed class DatagramPort(SimulatedHost host, int port, IDatagramProtocol protocol, int maxPacketSize) : IDatagramTransport
{
    private readonly Dictionary<(int Host, int Port), int> _channels = [];
    private UdpAddress? _peer;
    private bool _closed;

    /// <inheritdoc/>
    public IAddress LocalAddress { get; } = new UdpAddress(host.Address.ToString(), port);

    internal SimulatedHost Host => host;

    internal int Port => port;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The destination is not a UDP address of a host in the network.</exception>
    /// <exception cref="InvalidOperationException">No destination is given and the port is not connected.</exception>
    public void Write(ReadOnlySpan<byte> datagram, IAddress? destination = null)
    {
        var target = destination as UdpAddress ?? _peer
            ?? throw new InvalidOperationException(destination is null ? "The UDP port is not connected; give a destination." : $"A datagram needs a UdpAddress, not {destination}.");
        if (_closed || host.IsDown)
        {
            return;
        }

        var net = host.Network;
        var to = net.Resolve(target.Host) ?? throw new ArgumentException($"No host named or addressed {target.Host} in the simulated network.", nameof(destination));
        if (!_channels.TryGetValue((to.Id, target.Port), out int channel))
        {
            channel = net.Trace.AddChannel(new TraceChannel(0, host.Id, to.Id, new IPEndPoint(host.Address, port), new IPEndPoint(to.Address, target.Port)));
            _channels.Add((to.Id, target.Port), channel);
        }

        net.Record(TraceEventKind.DatagramSent, host.Id, channel, 0, datagram.Length, null, net.Options.CapturePayloads ? datagram : default);
        net.SendDatagram(new Datagram(this, to, target.Port, channel, datagram), net.LinkBetween(host, to));
    }

    /// <inheritdoc/>
    public void Connect(IAddress peer)
    {
        _peer = peer as UdpAddress ?? throw new ArgumentException($"A UDP port connects to a UdpAddress, not {peer}.", nameof(peer));
    }

    /// <inheritdoc/>
    public Task StopListening()
    {
        if (!_closed)
        {
            _closed = true;
            if (host.DatagramPorts.TryGetValue(port, out var current) && current == this)
            {
                host.DatagramPorts.Remove(port);
            }

            host.Network.Record(TraceEventKind.StopListening, host.Id, -1, 0, 0, $"UDP {host.Address}:{port}");
            protocol.StopProtocol();
        }

        return Task.CompletedTask;
    }

    internal void Receive(ReadOnlySpan<byte> data, UdpAddress source)
    {
        try
        {
            protocol.DatagramReceived(data.Length > maxPacketSize ? data[..maxPacketSize] : data, source);
        }
        catch (Exception error)
        {
            host.Network.ReportError(host, "A datagram protocol failed", error);
        }
    }
}
