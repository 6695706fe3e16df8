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
internal sealed class TcpListeningPort : PolledPort, IListeningPort
{
    private const int MaxAcceptsPerTurn = 128;
    private readonly IProtocolFactory _factory;
    private readonly SslServerAuthenticationOptions? _tls;

    internal TcpListeningPort(SocketReactor reactor, Socket socket, IProtocolFactory factory, SslServerAuthenticationOptions? tls)
        : base(reactor, socket, Endpoints.Tcp(socket.LocalEndPoint))
    {
        _factory = factory;
        _tls = tls;
        Port = ((TcpAddress)LocalAddress).Port;
    }

    /// <inheritdoc/>
    public int Port { get; }

    /// <inheritdoc/>
    public override void OnEvents(PollEvents events) => AcceptSome();

    /// <inheritdoc/>
    public override void Retry() => AcceptSome();

    /// <inheritdoc/>
    private protected override void Stopped() => _factory.DoStop();

    private void AcceptSome()
    {
        for (int i = 0; i < MaxAcceptsPerTurn && !Closed; i++)
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
                Reactor.ReportError(new InvalidOperationException($"Accepting on {LocalAddress} failed: {e.SocketErrorCode}; retrying in 100 ms.", e));
                Reactor.CallLater(TimeSpan.FromMilliseconds(100), AcceptSome);
                return;
            }

            Serve(accepted);
        }

        if (!Closed)
        {
            Reactor.ScheduleRetry(this);
        }
    }

    private void Serve(Socket accepted)
    {
        TcpConnection connection;
        try
        {
            accepted.Blocking = false;
            accepted.NoDelay = true;
            connection = new TcpConnection(Reactor, accepted);
            Diagnostics.ResourceOrigins.Inherit(connection, this);
            Reactor.Register(connection);
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            // Reset between accept and setup: nothing to serve.
            accepted.Dispose();
            return;
        }

        Reactor.Track(connection);
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

        if (Reactor.BuildProtocol(_factory, connection.RemoteAddress) is not { } protocol)
        {
            // Refused by the factory: close at once, without a protocol to tell.
            connection.LoseConnection();
            return;
        }

        connection.Attach(protocol);
    }
}
