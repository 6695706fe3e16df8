using Trial.Errors;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Transports;

namespace Trial.Fakes.Proxy;

/// <summary>One client connection through the proxy and its upstream connection, joined by two toxic links.</summary>
internal sealed class ProxyConnection(FaultProxy proxy)
{
    private ITransport? _client;
    private ITransport? _server;
    private IConnector? _connector;
    private bool _clientGone;
    private bool _serverGone;

    internal IReactor Reactor => proxy.Reactor;

    internal ToxicLink? Upstream { get; private set; }

    internal ToxicLink? Downstream { get; private set; }

    internal bool Closed { get; private set; }

    internal IProtocol ClientSide() => new Side(this, isClient: true);

    internal void ResetBoth()
    {
        _client?.AbortConnection();
        _server?.AbortConnection();
    }

    private void ClientMade(ITransport transport)
    {
        _client = transport;

        // Nothing is read from the client until there is somewhere to send it.
        transport.PauseProducing();
        var upstream = proxy.Upstream;
        _connector = Reactor.ConnectTcp(upstream.Host, upstream.Port, new UpstreamFactory(this));
    }

    private void ServerMade(ITransport transport)
    {
        _server = transport;
        if (_clientGone)
        {
            transport.LoseConnection();
            return;
        }

        Upstream = new ToxicLink(this, _client!, transport);
        Downstream = new ToxicLink(this, transport, _client!);
        proxy.Attach(this);
        _client!.ResumeProducing();
    }

    private void Data(bool fromClient, byte[] data) => (fromClient ? Upstream : Downstream)?.Receive(data);

    private void SideLost(bool client, Exception reason)
    {
        bool clean = reason is ConnectionDoneException;
        if (client)
        {
            _clientGone = true;
            if (_connector is { State: ConnectorState.Connecting } connector)
            {
                connector.StopConnecting();
            }
            else if (clean && Upstream is { } link)
            {
                link.ReceiveClose();
            }
            else
            {
                _server?.AbortConnection();
            }
        }
        else
        {
            _serverGone = true;
            if (clean && Downstream is { } link)
            {
                link.ReceiveClose();
            }
            else
            {
                _client?.AbortConnection();
            }
        }

        if (_clientGone && (_serverGone || _server is null))
        {
            Closed = true;
            Upstream?.Dispose();
            Downstream?.Dispose();
            proxy.Forget(this);
        }
    }

    private void UpstreamFailed()
    {
        _serverGone = true;
        _client?.AbortConnection();
    }

    private sealed class UpstreamFactory(ProxyConnection connection) : ClientFactory(_ => new Side(connection, isClient: false))
    {
        public override void ClientConnectionFailed(IConnector connector, Exception reason) => connection.UpstreamFailed();
    }

    private sealed class Side(ProxyConnection connection, bool isClient) : Protocol
    {
        public override void ConnectionMade()
        {
            if (isClient)
            {
                connection.ClientMade(Transport!);
            }
            else
            {
                connection.ServerMade(Transport!);
            }
        }

        public override void DataReceived(ReadOnlySpan<byte> data) => connection.Data(isClient, data.ToArray());

        public override void ConnectionLost(Exception reason)
        {
            base.ConnectionLost(reason);
            connection.SideLost(isClient, reason);
        }
    }
}
