using System.Net;
using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Time;

namespace Trial.Fakes.Simulation;

/// <summary>
/// A simulated TCP connection attempt and, once it succeeds, the connection's client side as its factory sees it.
/// </summary>
/// <remarks>
/// The handshake is one round trip, settled when the request leaves: if either direction of the link is blocked
/// (partitioned or clogged), or the server's machine is down, the request goes unanswered and is sent again after
/// <see cref="NetworkOptions.ConnectRetransmit"/>, doubling, until the attempt's timeout.
/// </remarks>
internal sealed class SimulatedConnector : IConnector
{
    private readonly SimulatedHost _host;
    private readonly string _target;
    private readonly int _port;
    private readonly ClientFactory _factory;
    private readonly TimeSpan _timeout;
    private bool _started;
    private int _attempt;
    private int _restarts;
    private HostCall? _timeoutCall;
    private HostCall? _retransmitCall;
    private TimeSpan _retransmitDelay;
    private Attempt? _current;
    private ConnectorState _state;
    private LinkedListNode<SimulatedConnector>? _pending;

    internal SimulatedConnector(SimulatedHost host, string target, int port, ClientFactory factory, TimeSpan timeout)
    {
        _host = host;
        _target = target;
        _port = port;
        _factory = factory;
        _timeout = timeout;
        Destination = new TcpAddress(target, port);
    }

    /// <inheritdoc/>
    public IAddress Destination { get; }

    /// <inheritdoc/>
    public ConnectorState State
    {
        get => _state;
        private set
        {
            // The host lists its attempts in progress, so a test that leaves one behind is told (the clean-reactor check).
            if (value == ConnectorState.Connecting && _pending is null)
            {
                _pending = _host.Attempts.AddLast(this);
            }
            else if (value != ConnectorState.Connecting && _pending is { } node)
            {
                if (node.List is not null)
                {
                    _host.Attempts.Remove(node);
                }

                _pending = null;
            }

            _state = value;
        }
    }

    private SimulatedNetwork Net => _host.Network;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The connector is already connecting or connected.</exception>
    public void Connect()
    {
        if (State != ConnectorState.Disconnected)
        {
            throw new InvalidOperationException($"The connector to {Destination} is already {State}.");
        }

        if (_host.IsDown)
        {
            return;
        }

        State = ConnectorState.Connecting;
        _attempt++;
        _restarts = _host.Restarts;
        if (!_started)
        {
            _started = true;
            _factory.DoStart();
        }

        _factory.StartedConnecting(this);
        if (Net.Resolve(_target) is not { } server)
        {
            int attempt = _attempt;
            HostCall.Schedule(_host, TimeSpan.Zero, () => Fail(attempt, new NoRouteException($"No host named or addressed {_target} in the simulated network.")), traced: false);
            return;
        }

        _current = new Attempt(this, _attempt, server);
        _timeoutCall = HostCall.Schedule(_host, _timeout, TimedOut, traced: false);
        _retransmitDelay = Net.Options.ConnectRetransmit;
        SendRequest();
    }

    /// <inheritdoc/>
    public void StopConnecting()
    {
        if (State == ConnectorState.Connecting)
        {
            Fail(_attempt, new UserCancelledConnectException());
        }
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
            _current?.Client.LoseConnection();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"SimulatedConnector({_host.Name} -> {Destination}, {State})";

    /// <summary>The established connection ended.</summary>
    internal void Lost(Exception reason)
    {
        State = ConnectorState.Disconnected;
        _current = null;
        _factory.ClientConnectionLost(this, reason);
    }

    private bool Live(int attempt) => attempt == _attempt && State == ConnectorState.Connecting && !_host.IsDown && _restarts == _host.Restarts;

    private void SendRequest()
    {
        var attempt = _current!;
        _retransmitCall = HostCall.Schedule(_host, _retransmitDelay, Retransmit, traced: false);
        _retransmitDelay += _retransmitDelay;
        attempt.Send();
    }

    private void Retransmit()
    {
        if (_current is { } attempt && Live(attempt.Number))
        {
            SendRequest();
        }
    }

    private void TimedOut()
    {
        _timeoutCall = null;
        Fail(_attempt, new ConnectAttemptTimedOutException($"Connecting to {Destination} from {_host.Name} timed out after {_timeout}."));
    }

    private void Fail(int attempt, ConnectException reason)
    {
        if (!Live(attempt))
        {
            return;
        }

        _current?.Abandon();
        Finish();
        State = ConnectorState.Disconnected;
        _current = null;
        Net.Record(reason is ConnectionRefusedException ? TraceEventKind.ConnectRefused : TraceEventKind.ConnectFailed, _host.Id, -1, 0, 0, $"{Destination}: {reason.GetType().Name}");
        _factory.ClientConnectionFailed(this, reason);
    }

    private void Finish()
    {
        if (_timeoutCall is { Active: true } timeout)
        {
            timeout.Cancel();
        }

        if (_retransmitCall is { Active: true } retransmit)
        {
            retransmit.Cancel();
        }

        _timeoutCall = null;
        _retransmitCall = null;
    }

    /// <summary>One attempt: its ends are made when the server accepts.</summary>
    private sealed class Attempt(SimulatedConnector connector, int number, SimulatedHost server)
    {
        private readonly SimulatedNetwork _net = connector.Net;
        private long _connectionId;
        private int _clientPort;
        private int _toServer = -1;
        private int _toClient = -1;
        private StreamEnd? _serverEnd;
        private bool _answered;

        internal int Number => number;

        internal StreamEnd Client { get; private set; } = null!;

        internal void Send()
        {
            var client = connector._host;
            if (_toServer < 0)
            {
                _connectionId = _net.NextConnectionId();
                _clientPort = client.NextEphemeralPort();
                var clientEnd = new IPEndPoint(client.Address, _clientPort);
                var serverEnd = new IPEndPoint(server.Address, connector._port);
                _toServer = _net.Trace.AddChannel(new TraceChannel(_connectionId, client.Id, server.Id, clientEnd, serverEnd));
                _toClient = _net.Trace.AddChannel(new TraceChannel(_connectionId, server.Id, client.Id, serverEnd, clientEnd));
            }

            _net.Record(TraceEventKind.ConnectStarted, client.Id, _toServer, 0, 0);
            var forward = _net.LinkBetween(client, server);
            var back = _net.LinkBetween(server, client);
            long now = _net.NowTicks;
            if (forward.Blocked(now) || back.Blocked(now))
            {
                return;
            }

            long arrival = _net.Transmit(forward, 0, now);
            _net.Clock.CallLater(TimeSpan.FromTicks(arrival - now), Arrive);
        }

        internal void Abandon()
        {
            // The server may have accepted already; its end hears a reset, as a half-open connection would.
            if (_serverEnd is { Gone: false } && !_answered)
            {
                Client.Kill(reset: true);
                connector._host.Forget(Client);
            }
        }

        private void Arrive()
        {
            if (!connector.Live(number) || _serverEnd is not null || server.Silent)
            {
                return;
            }

            var client = connector._host;
            var back = _net.LinkBetween(server, client);
            long now = _net.NowTicks;
            long answer = _net.Transmit(back, 0, now);
            if (server.IsDown || !server.Listeners.TryGetValue(connector._port, out var listener))
            {
                _net.Record(TraceEventKind.ResetSent, server.Id, _toClient, 0, 0, "nothing listens");
                _net.Clock.CallLater(TimeSpan.FromTicks(answer - now), () => connector.Fail(number, new ConnectionRefusedException($"Nothing listens on {connector.Destination}.")));
                return;
            }

            var clientAddress = new TcpAddress(client.Address.ToString(), _clientPort);
            var serverAddress = new TcpAddress(server.Address.ToString(), connector._port);
            if (listener.Factory.BuildProtocol(clientAddress) is not { } protocol)
            {
                _net.Record(TraceEventKind.ResetSent, server.Id, _toClient, 0, 0, "the factory built no protocol");
                _net.Clock.CallLater(TimeSpan.FromTicks(answer - now), () => connector.Fail(number, new ConnectionRefusedException($"The server at {connector.Destination} built no protocol.")));
                return;
            }

            var clientEnd = new StreamEnd(_net, client, _connectionId, clientAddress, serverAddress) { Connector = connector };
            var serverEnd = new StreamEnd(_net, server, _connectionId, serverAddress, clientAddress);
            clientEnd.Out = new Flow(_net, clientEnd, serverEnd, _net.LinkBetween(client, server), _toServer);
            serverEnd.Out = new Flow(_net, serverEnd, clientEnd, back, _toClient);
            clientEnd.In = serverEnd.Out;
            serverEnd.In = clientEnd.Out;
            serverEnd.Out.NotBefore(answer);
            Client = clientEnd;
            _serverEnd = serverEnd;
            client.Adopt(clientEnd);
            server.Adopt(serverEnd);
            _net.Record(TraceEventKind.Accepted, server.Id, _toClient, 0, 0);
            _net.Clock.CallLater(TimeSpan.FromTicks(answer - now), Answered);
            serverEnd.Establish(protocol);
        }

        private void Answered()
        {
            _answered = true;
            if (!connector.Live(number))
            {
                if (!connector._host.Silent)
                {
                    Client.Kill(reset: true);
                }

                connector._host.Forget(Client);
                return;
            }

            connector.Finish();
            var serverAddress = (TcpAddress)Client.RemoteAddress;
            if (connector._factory.BuildProtocol(serverAddress) is not { } protocol)
            {
                connector._host.Forget(Client);
                Client.Kill(reset: true);
                connector.State = ConnectorState.Disconnected;
                connector._factory.ClientConnectionFailed(connector, new ConnectException($"The client factory built no protocol for {serverAddress}."));
                return;
            }

            connector.State = ConnectorState.Connected;
            _net.Record(TraceEventKind.Connected, connector._host.Id, _toServer, 0, 0);
            Client.Establish(protocol);
        }
    }
}
