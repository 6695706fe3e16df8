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
internal sealed class UdpPort : IDatagramTransport, IPollable, IRetryable, IReactorResource
{
    private const int MaxDatagramsPerTurn = 64;
    private readonly SocketReactor _reactor;
    private readonly IDatagramProtocol _protocol;
    private readonly byte[] _buffer;
    private readonly SocketAddress _from;
    private IPEndPoint? _peer;
    private IAddress? _peerAddress;
    private bool _readable;
    private bool _closed;

    internal UdpPort(SocketReactor reactor, Socket socket, IDatagramProtocol protocol, int maxPacketSize)
    {
        _reactor = reactor;
        Diagnostics.ResourceOrigins.Record(this);
        Socket = socket;
        _protocol = protocol;
        _buffer = new byte[maxPacketSize];
        _from = new SocketAddress(socket.AddressFamily);
        LocalAddress = Endpoints.Udp(socket.LocalEndPoint);
    }

    /// <inheritdoc/>
    public Socket Socket { get; }

    /// <inheritdoc/>
    public long Key { get; set; }

    /// <inheritdoc/>
    public IAddress LocalAddress { get; }

    /// <inheritdoc/>
    public bool WantsRead => !_closed;

    /// <inheritdoc/>
    public bool WantsWrite => false;

    /// <inheritdoc/>
    public bool RetryQueued { get; set; }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> datagram, IAddress? destination = null)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
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
            _reactor.CallSoon(Refused);
        }
    }

    /// <inheritdoc/>
    public void Connect(IAddress peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ObjectDisposedException.ThrowIf(_closed, this);
        var endPoint = Endpoints.Resolve(peer);
        Socket.Connect(endPoint);
        _peer = endPoint;
        _peerAddress = new UdpAddress(((UdpAddress?)(peer as UdpAddress))?.Host ?? endPoint.Address.ToString(), endPoint.Port);
    }

    /// <inheritdoc/>
    public Task StopListening()
    {
        if (!_closed)
        {
            _closed = true;
            _reactor.Unregister(this);
            Socket.Dispose();
            _reactor.Untrack(this);
            try
            {
                _protocol.StopProtocol();
            }
            catch (Exception e)
            {
                _reactor.ReportError(e);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void OnEvents(PollEvents events)
    {
        _readable = true;
        ReadSome();
    }

    /// <inheritdoc/>
    public void Retry() => ReadSome();

    /// <inheritdoc/>
    public void CloseForShutdown() => StopListening();

    private void ReadSome()
    {
        for (int i = 0; i < MaxDatagramsPerTurn; i++)
        {
            if (_closed || !_readable)
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
                _reactor.ReportError(e);
            }
        }

        _reactor.ScheduleRetry(this);
    }

    private void Refused()
    {
        if (_closed)
        {
            return;
        }

        try
        {
            _protocol.ConnectionRefused();
        }
        catch (Exception e)
        {
            _reactor.ReportError(e);
        }
    }
}
