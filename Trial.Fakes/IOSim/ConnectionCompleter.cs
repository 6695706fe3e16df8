using System.Globalization;
using Trial.Addresses;
using Trial.Errors;
using Trial.Fakes.Memory;
using Trial.Reactors;

namespace Trial.Fakes.IOSim;

/// <summary>
/// Completes or fails the TCP connection attempts a <see cref="MemoryReactor"/> recorded, one at a time, joining a
/// completed attempt to a listening port with the same port number through an <see cref="IOPump"/>.
/// </summary>
/// <remarks>
/// Attempts are taken in the order of <see cref="MemoryReactor.TcpClients"/>, skipping those whose connector is not
/// connecting, so a connector that reconnects (<see cref="IConnector.Connect"/>) can be completed again. When the
/// connection ends, the client factory's <c>ClientConnectionLost</c> runs with the connector.
/// </remarks>
public sealed class ConnectionCompleter
{
    private readonly MemoryReactor _reactor;
    private int _completed;

    /// <summary>Initializes a completer for the attempts <paramref name="reactor"/> records.</summary>
    /// <param name="reactor">The reactor.</param>
    public ConnectionCompleter(MemoryReactor reactor) => _reactor = reactor ?? throw new ArgumentNullException(nameof(reactor));

    /// <summary>
    /// Completes the first pending attempt whose port number a listening port has: builds both protocols, connects
    /// them, and (with <see cref="IOPumpOptions.Greet"/>) flushes once.
    /// </summary>
    /// <param name="options">
    /// How to set up the pump. Its clock defaults to a <see cref="MemoryReactorClock"/>'s own; its addresses are
    /// replaced by the attempt's.
    /// </param>
    /// <returns>The pump of the new connection, or <see langword="null"/> when no pending attempt matches a listening port.</returns>
    /// <exception cref="InvalidOperationException">A factory built no protocol.</exception>
    public IOPump? SucceedOnce(IOPumpOptions? options = null)
    {
        foreach (var client in _reactor.TcpClients)
        {
            if (client.Connector is not MemoryConnector { State: ConnectorState.Connecting } connector)
            {
                continue;
            }

            var server = _reactor.TcpServers.FirstOrDefault(s => s.Port == client.Port);
            if (server is not null)
            {
                return Complete(client, server, connector, options);
            }
        }

        return null;
    }

    /// <summary>Fails the first pending attempt: its factory's <c>ClientConnectionFailed</c> runs with <paramref name="reason"/>.</summary>
    /// <param name="reason">Why it failed; a <see cref="ConnectionRefusedException"/> when <see langword="null"/>.</param>
    /// <exception cref="InvalidOperationException">No attempt is pending.</exception>
    public void FailOnce(Exception? reason = null)
    {
        var client = _reactor.TcpClients.FirstOrDefault(c => c.Connector.State == ConnectorState.Connecting)
            ?? throw new InvalidOperationException($"No TCP connection attempt is pending on the reactor (it recorded {_reactor.TcpClients.Count}).");
        ((MemoryConnector)client.Connector).Fail(reason ?? new ConnectionRefusedException($"The connection to {client.Connector.Destination} was refused."));
    }

    private IOPump Complete(TcpClientRecord client, TcpServerRecord server, MemoryConnector connector, IOPumpOptions? given)
    {
        _completed++;
        var clientAddress = client.BindAddress ?? new TcpAddress("127.0.0.1", 49151 + _completed);
        var serverAddress = new TcpAddress(client.Host, client.Port);
        var options = given?.Copy() ?? new IOPumpOptions();
        options.Clock ??= _reactor.DrivingClock;
        options.ClientAddress = clientAddress;
        options.ServerAddress = serverAddress;

        var clientProtocol = connector.Factory.BuildProtocol(serverAddress)
            ?? throw new InvalidOperationException($"The client factory {connector.Factory} built no protocol for {serverAddress}.");
        var serverProtocol = server.Factory.BuildProtocol(clientAddress)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The server factory {server.Factory} on port {server.Port} built no protocol for {clientAddress}."));
        var serverTransport = new FakeTransport(serverProtocol, isServer: true, serverAddress, clientAddress);
        var clientTransport = new FakeTransport(clientProtocol, isServer: false, clientAddress, serverAddress);
        connector.Succeed(clientTransport);
        clientTransport.Lost = connector.Lose;
        return IOPump.Connect(serverTransport, clientTransport, options);
    }
}
