using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Transports;

namespace Trial.Sockets;

/// <content>TCP, TLS and UDP on the reactor, and the bookkeeping of the sockets it watches.</content>
public sealed partial class SocketReactor
{
    private static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    /// <remarks>
    /// Binds with <c>SO_REUSEADDR</c>. An IPv6 host ("::1", "::") listens on IPv6 only. Accepted connections
    /// have <c>TCP_NODELAY</c> set.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The address cannot be bound (in use, or not local).</exception>
    public IListeningPort ListenTcp(int port, IProtocolFactory factory, int backlog = 50, string host = "") =>
        Listen(port, factory, backlog, host, tls: null);

    /// <inheritdoc/>
    /// <remarks>
    /// The handshake runs before the factory builds the protocol. A connection whose handshake fails or that is
    /// lost before it ends (a client that rejects the certificate, speaks plain text, or goes away) has no protocol
    /// to tell: it is logged at <see cref="Microsoft.Extensions.Logging.LogLevel.Information"/>, as the peer's
    /// doing rather than an error of the server.
    /// </remarks>
    public IListeningPort ListenTls(int port, IProtocolFactory factory, SslServerAuthenticationOptions options, int backlog = 50, string host = "")
    {
        ArgumentNullException.ThrowIfNull(options);
        return Listen(port, factory, backlog, host, options);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A refused connect fails with <see cref="Trial.Errors.ConnectionRefusedException"/>, an unreachable host
    /// with <see cref="Trial.Errors.NoRouteException"/>, and one that outlasts the timeout with
    /// <see cref="Trial.Errors.ConnectAttemptTimedOutException"/>. Host names other than 'localhost' are resolved off the loop.
    /// </remarks>
    public IConnector ConnectTcp(string host, int port, ClientFactory factory, TimeSpan? timeout = null, IAddress? bindAddress = null) =>
        Connect(host, port, factory, timeout, bindAddress, tls: null);

    /// <inheritdoc/>
    /// <remarks>
    /// The reactor works on a copy of <paramref name="options"/> and never changes them, so they can be reused for
    /// another host; when their <see cref="SslClientAuthenticationOptions.TargetHost"/> is empty, the copy's is
    /// <paramref name="host"/>.
    /// The server certificate is validated unless <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>
    /// says otherwise; a failed handshake reaches <see cref="ClientFactory.ClientConnectionFailed"/> as
    /// <see cref="Trial.Errors.TlsHandshakeException"/>.
    /// </remarks>
    public IConnector ConnectTls(string host, int port, ClientFactory factory, SslClientAuthenticationOptions options, TimeSpan? timeout = null, IAddress? bindAddress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        return Connect(host, port, factory, timeout, bindAddress, TlsOptions.ForHost(options, host));
    }

    /// <inheritdoc/>
    /// <remarks>A datagram longer than <paramref name="maxPacketSize"/> arrives cut to that size.</remarks>
    public IDatagramTransport ListenUdp(int port, IDatagramProtocol protocol, string host = "", int maxPacketSize = 8192)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        CheckPort(port);
        if (maxPacketSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPacketSize), maxPacketSize, string.Create(CultureInfo.InvariantCulture, $"The largest datagram must be positive, but was {maxPacketSize}."));
        }

        var address = Endpoints.ForBinding(host);
        var socket = Endpoints.NewSocket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Cannot open UDP port {port} on '{host}': {e.SocketErrorCode}."), e);
        }

        var udp = new UdpPort(this, socket, protocol, maxPacketSize);
        Register(udp);
        Track(udp);
        protocol.MakeConnection(udp);
        return udp;
    }

    /// <summary>Logs a server-side TLS connection that ended before its handshake did; see <see cref="ListenTls"/>.</summary>
    internal void ReportTlsHandshakeFailure(IAddress peer, IAddress local, Exception reason) =>
        _logger?.Info("The TLS handshake with {Peer} on {Local} failed: {Reason}", peer, local, reason.Message);

    internal void Register(IPollable item)
    {
        int slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _nextSlot++;
        if (slot == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _generations, _generations.Length * 2);
        }

        uint generation = ++_generations[slot];
        item.Key = ((long)generation << 32) | (uint)slot;
        _slots[slot] = item;
        try
        {
            _poller.Add(item);
        }
        catch
        {
            _slots[slot] = null;
            _freeSlots.Push(slot);
            throw;
        }
    }

    internal void Unregister(IPollable item)
    {
        int slot = (int)(item.Key & 0xFFFF_FFFF);
        if ((uint)slot < (uint)_slots.Length && _slots[slot] == item)
        {
            _poller.Remove(item);
            _slots[slot] = null;
            _freeSlots.Push(slot);
        }
    }

    /// <summary>Hands a registered socket to a new owner under the same key.</summary>
    internal void Replace(IPollable previous, IPollable next)
    {
        int slot = (int)(previous.Key & 0xFFFF_FFFF);
        next.Key = previous.Key;
        _slots[slot] = next;
        _poller.Replace(previous, next);
    }

    internal void Track(IReactorResource resource) => SetFor(resource).Add(resource);

    internal void Untrack(IReactorResource resource) => SetFor(resource).Remove(resource);

    internal void ScheduleFlush(TcpConnection connection)
    {
        if (!connection.FlushQueued)
        {
            connection.FlushQueued = true;
            _flushes.Add(connection);
        }
    }

    internal void ScheduleRetry(IRetryable item)
    {
        if (!item.RetryQueued)
        {
            item.RetryQueued = true;
            _retries.Add(item);
        }
    }

    private static void CheckPort(int port)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, string.Create(CultureInfo.InvariantCulture, $"A port must be between 0 and 65535, but was {port}."));
        }
    }

    private HashSet<IReactorResource> SetFor(IReactorResource resource) => resource switch
    {
        TcpConnection => _connections,
        TcpConnector => _attempts,
        _ => _ports,
    };

    private TcpListeningPort Listen(int port, IProtocolFactory factory, int backlog, string host, SslServerAuthenticationOptions? tls)
    {
        ArgumentNullException.ThrowIfNull(factory);
        CheckPort(port);
        if (backlog < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(backlog), backlog, string.Create(CultureInfo.InvariantCulture, $"The backlog must not be negative, but was {backlog}."));
        }

        var address = Endpoints.ForBinding(host);
        var socket = Endpoints.NewSocket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // SO_REUSEADDR alone, as Twisted sets it: .NET's ReuseAddress also sets SO_REUSEPORT on Linux,
                // which would let a second listener share the port.
                socket.SetRawSocketOption(1, 2, BitConverter.GetBytes(1));
            }
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(backlog);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Cannot listen on port {port} of '{host}': {e.SocketErrorCode}."), e);
        }

        var listening = new TcpListeningPort(this, socket, factory, tls);
        Register(listening);
        Track(listening);
        factory.DoStart();
        return listening;
    }

    private TcpConnector Connect(string host, int port, ClientFactory factory, TimeSpan? timeout, IAddress? bindAddress, SslClientAuthenticationOptions? tls)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(factory);
        CheckPort(port);
        var limit = timeout ?? DefaultConnectTimeout;
        if (limit < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, $"The connect timeout must not be negative, but was {limit}.");
        }

        var connector = new TcpConnector(this, host, port, factory, limit, bindAddress, tls);
        connector.Connect();
        return connector;
    }
}
