using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Time;

namespace Trial.Sockets;

/// <summary>
/// A TCP (or TLS) client connection on the socket reactor, with Twisted's connector life cycle: the factory is
/// started on the first attempt, told when an attempt starts, fails or its connection ends, and stopped when
/// the connector is disconnected and not reconnected from those callbacks.
/// </summary>
internal sealed class TcpConnector : IConnector, IReactorResource
{
    private readonly SocketReactor _reactor;
    private readonly string _host;
    private readonly int _port;
    private readonly ClientFactory _factory;
    private readonly TimeSpan _timeout;
    private readonly IAddress? _bindAddress;
    private readonly SslClientAuthenticationOptions? _tls;
    private ConnectAttempt? _attempt;
    private TcpConnection? _connection;
    private IDelayedCall? _timeoutCall;
    private bool _factoryStarted;
    private int _generation;

    internal TcpConnector(SocketReactor reactor, string host, int port, ClientFactory factory, TimeSpan timeout, IAddress? bindAddress, SslClientAuthenticationOptions? tls)
    {
        _reactor = reactor;
        Diagnostics.ResourceOrigins.Record(this);
        _host = host;
        _port = port;
        _factory = factory;
        _timeout = timeout;
        _bindAddress = bindAddress;
        _tls = tls;
        Destination = new TcpAddress(host, port);
    }

    /// <inheritdoc/>
    public IAddress Destination { get; }

    /// <inheritdoc/>
    public ConnectorState State { get; private set; }

    /// <inheritdoc/>
    public void Connect()
    {
        if (State != ConnectorState.Disconnected)
        {
            throw new InvalidOperationException($"The connector to {Destination} is {State}; Connect needs it Disconnected.");
        }

        State = ConnectorState.Connecting;
        if (!_factoryStarted)
        {
            _factoryStarted = true;
            _factory.DoStart();
        }

        int attempt = ++_generation;
        _reactor.Track(this);
        _timeoutCall = _reactor.CallLater(_timeout, () =>
        {
            if (attempt == _generation && State == ConnectorState.Connecting)
            {
                Failed(new ConnectAttemptTimedOutException($"Connecting to {Destination} did not complete within {_timeout}."));
            }
        });

        try
        {
            _factory.StartedConnecting(this);
        }
        catch (Exception e)
        {
            _reactor.ReportError(e);
        }

        if (attempt != _generation || State != ConnectorState.Connecting)
        {
            return;
        }

        if (Endpoints.TryLiteral(_host, out var address))
        {
            Begin(new IPEndPoint(address, _port), attempt);
            return;
        }

        Dns.GetHostAddressesAsync(_host).ContinueWith(
            task => _reactor.CallFromThread(() => Resolved(task, attempt)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <inheritdoc/>
    public void StopConnecting()
    {
        if (State != ConnectorState.Connecting)
        {
            throw new InvalidOperationException($"The connector to {Destination} is {State}; StopConnecting needs an attempt in progress.");
        }

        Failed(new UserCancelledConnectException($"The attempt to connect to {Destination} was cancelled."));
    }

    /// <inheritdoc/>
    public void Disconnect()
    {
        if (State == ConnectorState.Connecting)
        {
            StopConnecting();
        }
        else if (State == ConnectorState.Connected)
        {
            _connection?.LoseConnection();
        }
    }

    /// <inheritdoc/>
    public void CloseForShutdown()
    {
        if (State == ConnectorState.Connecting)
        {
            Failed(new ConnectException($"The reactor stopped before the connection to {Destination} was made."));
        }
    }

    /// <summary>The connect in progress finished, one way or the other.</summary>
    internal void AttemptReady(ConnectAttempt attempt)
    {
        if (attempt != _attempt)
        {
            return;
        }

        var error = (SocketError)(int)attempt.Socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != SocketError.Success)
        {
            Failed(SocketErrors.ConnectFailed(error, Destination));
            return;
        }

        TcpConnection connection;
        try
        {
            connection = new TcpConnection(_reactor, attempt.Socket, attempt.Destination);
            Diagnostics.ResourceOrigins.Inherit(connection, this);
        }
        catch (SocketException e)
        {
            Failed(SocketErrors.ConnectFailed(e.SocketErrorCode, Destination));
            return;
        }

        _attempt = null;
        _reactor.Replace(attempt, connection);
        _reactor.Track(connection);
        _connection = connection;
        connection.Lost = ConnectionLost;
        if (_tls is not null)
        {
            connection.BeginTls(_tls, null, () => Established(connection));
        }
        else
        {
            Established(connection);
        }
    }

    private void Resolved(Task<IPAddress[]> resolution, int attempt)
    {
        if (attempt != _generation || State != ConnectorState.Connecting)
        {
            return;
        }

        if (!resolution.IsCompletedSuccessfully || resolution.Result.Length == 0)
        {
            var inner = resolution.Exception?.GetBaseException();
            Failed(inner is null
                ? new ConnectException($"The host name '{_host}' resolved to no address.")
                : new ConnectException($"Resolving the host name '{_host}' failed: {inner.Message}", inner));
            return;
        }

        Begin(new IPEndPoint(resolution.Result[0], _port), attempt);
    }

    private void Begin(IPEndPoint destination, int attempt)
    {
        Socket socket;
        try
        {
            socket = Endpoints.NewSocket(destination.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException e)
        {
            var reason = SocketErrors.ConnectFailed(e.SocketErrorCode, Destination);
            _reactor.CallSoon(() =>
            {
                if (attempt == _generation)
                {
                    Failed(reason);
                }
            });
            return;
        }

        try
        {
            socket.NoDelay = true;
            if (_bindAddress is not null)
            {
                socket.Bind(Endpoints.Resolve(_bindAddress));
            }

            socket.Connect(destination);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
        {
            // The usual case: the connect completes later and the socket turns writable.
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var reason = SocketErrors.ConnectFailed(e.SocketErrorCode, Destination);
            _reactor.CallSoon(() =>
            {
                if (attempt == _generation)
                {
                    Failed(reason);
                }
            });
            return;
        }

        _attempt = new ConnectAttempt(this, socket, destination);
        _reactor.Register(_attempt);
    }

    private void Established(TcpConnection connection)
    {
        if (_connection != connection || State != ConnectorState.Connecting)
        {
            return;
        }

        CancelTimeout();
        if (_reactor.BuildProtocol(_factory, connection.RemoteAddress) is not { } protocol)
        {
            Failed(new ConnectException($"The factory built no protocol for the connection to {Destination}."));
            return;
        }

        State = ConnectorState.Connected;
        _reactor.Untrack(this);
        connection.Attach(protocol);
    }

    private void ConnectionLost(TcpConnection connection, Exception reason)
    {
        if (connection != _connection)
        {
            return;
        }

        if (State == ConnectorState.Connecting)
        {
            // Lost before the protocol came: a TLS handshake that failed, or a reset during it.
            Failed(reason is TlsHandshakeException ? reason : new ConnectException($"The connection to {Destination} was lost while it was being set up: {reason.Message}", reason));
            return;
        }

        _connection = null;
        State = ConnectorState.Disconnected;
        try
        {
            _factory.ClientConnectionLost(this, reason);
        }
        catch (Exception e)
        {
            _reactor.ReportError(e);
        }

        StopFactoryIfIdle();
    }

    private void Failed(Exception reason)
    {
        if (State != ConnectorState.Connecting)
        {
            return;
        }

        _generation++;
        CancelTimeout();
        if (_attempt is { } attempt)
        {
            _attempt = null;
            _reactor.Unregister(attempt);
            attempt.Socket.Dispose();
        }

        if (_connection is { } connection)
        {
            _connection = null;
            connection.Lost = null;
            connection.AbortConnection();
        }

        State = ConnectorState.Disconnected;
        _reactor.Untrack(this);
        try
        {
            _factory.ClientConnectionFailed(this, reason);
        }
        catch (Exception e)
        {
            _reactor.ReportError(e);
        }

        StopFactoryIfIdle();
    }

    private void StopFactoryIfIdle()
    {
        if (State == ConnectorState.Disconnected && _factoryStarted)
        {
            _factoryStarted = false;
            _factory.DoStop();
        }
    }

    private void CancelTimeout()
    {
        if (_timeoutCall is { Active: true } call)
        {
            call.Cancel();
        }

        _timeoutCall = null;
    }
}
