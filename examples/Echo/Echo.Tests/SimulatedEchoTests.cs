using Trial.Addresses;
using Trial.Fakes.Simulation;
using Trial.Protocols;

namespace Examples.Echo.Tests;

/// <summary>The echo scenarios on the simulated network: a server host and a client host, on virtual time.</summary>
public sealed class SimulatedEchoTests : EchoTests
{
    private readonly SimulatedNetwork _network = new(seed: 1);
    private readonly SimulatedHost _server;
    private readonly SimulatedHost _client;

    public SimulatedEchoTests()
    {
        _server = _network.AddHost("server");
        _client = _network.AddHost("client");
    }

    /// <inheritdoc/>
    protected override Task<EchoClient> ConnectAsync(Func<IProtocol> server)
    {
        var port = _server.ListenTcp(0, Factory.ForProtocol(server));
        return EchoClient.ConnectAsync(_client, "server", ((TcpAddress)port.LocalAddress).Port);
    }

    /// <inheritdoc/>
    protected override void Run(Func<Task> scenario) => _network.RunUntil(scenario, TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
}
