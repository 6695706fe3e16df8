using System.Net.Security;
using System.Net.Sockets;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Sockets;

/// <summary>
/// A listening TCP (or TLS) socket on the reactor: accepts in bursts when the poller says so, builds a protocol
/// for each connection, and for TLS runs the handshake before the protocol is built.
/// </summary>
internal sealed class TcpListeningPort : IListeningPort, IPollable, IRetryable, IReactorResource
{
    private const int MaxAcceptsPerTurn = 128;
    private readonly SocketReactor _reactor;
    private readonly IProtocolFactory _factory;
    private readonly SslServerAuthenticationOptions? _tls;
    private bool _closed;

    internal TcpListeningPort(SocketReactor reactor, Socket socket, IProtocolFactory factory, SslServerAuthenticationOptions? tls)
    {
        _reactor = reactor;
        Diagnostics.ResourceOrigins.Record(this);
        Socket = socket;
        _factory = factory;
        _tls = tls;
        var local = Endpoints.Tcp(socket.LocalEndPoint);
        LocalAddress = local;
        Port = local.Port;
    }

    /// <inheritdoc/>
    public Socket Socket { get; }

    /// <inheritdoc/>
    public long Key { get; set; }

    /// <inheritdoc/>
    public IAddress LocalAddress { get; }

    /// <inheritdoc/>
    public int Port { get; }

    /// <inheritdoc/>
    public bool WantsRead => !_closed;

    /// <inheritdoc/>
    public bool WantsWrite => false;

    /// <inheritdoc/>
    public bool RetryQueued { get; set; }

    /// <inheritdoc/>
    public Task StopListening()
    {
        if (!_closed)
        {
            _closed = true;
            _reactor.Unregister(this);
            Socket.Dispose();
            _reactor.Untrack(this);
            _factory.DoStop();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void OnEvents(PollEvents events) => AcceptSome();

    /// <inheritdoc/>
    public void Retry() => AcceptSome();

    /// <inheritdoc/>
    public void CloseForShutdown()
    {
        try
        {
            StopListening();
        }
        catch (Exception e)
        {
            _reactor.ReportError(e);
        }
    }

    private void AcceptSome()
    {
        for (int i = 0; i < MaxAcceptsPerTurn && !_closed; i++)
        {
            Socket accepted;
            try
            {
                accepted = Socket.Accept();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                // The peer gave up before the accept; the next one may be fine.
                continue;
            }
            catch (SocketException e)
            {
                // Out of descriptors, most likely: say so, and try again shortly rather than spin.
                _reactor.ReportError(new InvalidOperationException($"Accepting on {LocalAddress} failed: {e.SocketErrorCode}; retrying in 100 ms.", e));
                _reactor.CallLater(TimeSpan.FromMilliseconds(100), AcceptSome);
                return;
            }

            Serve(accepted);
        }

        if (!_closed)
        {
            _reactor.ScheduleRetry(this);
        }
    }

    private void Serve(Socket accepted)
    {
        TcpConnection connection;
        try
        {
            accepted.Blocking = false;
            accepted.NoDelay = true;
            connection = new TcpConnection(_reactor, accepted);
            _reactor.Register(connection);
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            // Reset between accept and setup: nothing to serve.
            accepted.Dispose();
            return;
        }

        _reactor.Track(connection);
        if (_tls is not null)
        {
            connection.Lost = (c, reason) =>
            {
                if (!c.HasProtocol)
                {
                    c.Reactor.ReportTlsHandshakeFailure(c.RemoteAddress, LocalAddress, reason);
                }
            };
            connection.BeginTls(null, _tls, () => Attach(connection));
        }
        else
        {
            Attach(connection);
        }
    }

    private void Attach(TcpConnection connection)
    {
        if (_tls is not null)
        {
            connection.Lost = null;
        }

        IProtocol? protocol;
        try
        {
            protocol = _factory.BuildProtocol(connection.RemoteAddress);
        }
        catch (Exception e)
        {
            _reactor.ReportError(e);
            protocol = null;
        }

        if (protocol is null)
        {
            // Refused by the factory: close at once, without a protocol to tell.
            connection.LoseConnection();
            return;
        }

        connection.Attach(protocol);
    }
}
