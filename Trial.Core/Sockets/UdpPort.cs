using System.Net;
using System.Net.Sockets;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Sockets;

/// <summary>
/// A UDP port on the socket reactor; it is also its protocol's transport. A datagram the kernel cannot take at
/// once (its send buffer is full) is dropped, as the network may drop any datagram.
/// </summary>
internal sealed class UdpPort : PolledPort, IDatagramTransport
{
    private const int MaxDatagramsPerTurn = 64;
    private readonly IDatagramProtocol _protocol;
    private readonly byte[] _buffer;
    private readonly SocketAddress _from;
    private IPEndPoint? _peer;
    private IAddress? _peerAddress;
    private bool _readable;

    internal UdpPort(SocketReactor reactor, Socket socket, IDatagramProtocol protocol, int maxPacketSize)
        : base(reactor, socket, Endpoints.Udp(socket.LocalEndPoint))
    {
        _protocol = protocol;
        _buffer = new byte[maxPacketSize];
        _from = new SocketAddress(socket.AddressFamily);
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> datagram, IAddress? destination = null)
    {
        ObjectDisposedException.ThrowIf(Closed, this);
        try
        {
            if (destination is null)
            {
                if (_peer is null)
                {
                    throw new InvalidOperationException($"The UDP port {LocalAddress} is not connected, so a datagram needs a destination.");
                }

                Socket.Send(datagram);
            }
            else
            {
                Socket.SendTo(datagram, SocketFlags.None, Endpoints.Resolve(destination));
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
        {
            // Dropped: the send buffer is full.
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused && _peer is not null)
        {
            Reactor.CallSoon(Refused);
        }
    }

    /// <inheritdoc/>
    public void Connect(IAddress peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ObjectDisposedException.ThrowIf(Closed, this);
        var endPoint = Endpoints.Resolve(peer);
        Socket.Connect(endPoint);
        _peer = endPoint;
        _peerAddress = new UdpAddress(((UdpAddress?)(peer as UdpAddress))?.Host ?? endPoint.Address.ToString(), endPoint.Port);
    }

    /// <inheritdoc/>
    public override void OnEvents(PollEvents events)
    {
        _readable = true;
        ReadSome();
    }

    /// <inheritdoc/>
    public override void Retry() => ReadSome();

    /// <inheritdoc/>
    private protected override void Stopped()
    {
        try
        {
            _protocol.StopProtocol();
        }
        catch (Exception e)
        {
            Reactor.ReportError(e);
        }
    }

    private void ReadSome()
    {
        for (int i = 0; i < MaxDatagramsPerTurn; i++)
        {
            if (Closed || !_readable)
            {
                return;
            }

            int received;
            IAddress source;
            try
            {
                if (_peer is not null)
                {
                    received = Socket.Receive(_buffer);
                    source = _peerAddress!;
                }
                else
                {
                    received = Socket.ReceiveFrom(_buffer, SocketFlags.None, _from);
                    source = Endpoints.Udp(new IPEndPoint(IPAddress.Any, 0).Create(_from));
                }
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                _readable = false;
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                if (_peer is not null)
                {
                    Refused();
                }

                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
            {
                // Larger than maxPacketSize: dropped, as documented on ListenUdp.
                continue;
            }

            try
            {
                _protocol.DatagramReceived(_buffer.AsSpan(0, received), source);
            }
            catch (Exception e)
            {
                Reactor.ReportError(e);
            }
        }

        Reactor.ScheduleRetry(this);
    }

    private void Refused()
    {
        if (Closed)
        {
            return;
        }

        try
        {
            _protocol.ConnectionRefused();
        }
        catch (Exception e)
        {
            Reactor.ReportError(e);
        }
    }
}
