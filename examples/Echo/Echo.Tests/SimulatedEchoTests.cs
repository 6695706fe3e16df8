using Examples.Testing;
using Trial.Protocols;

namespace Examples.Echo.Tests;

/// <summary>The echo scenarios on virtual time, over in-memory connections cut into seeded random slices.</summary>
public sealed class SimulatedEchoTests : EchoTests
{
    private readonly PumpNetwork _network = new(seed: 1);

    /// <inheritdoc/>
    protected override Task<EchoClient> ConnectAsync(Func<IProtocol> server)
    {
        var client = new EchoClient();
        _network.Connect(server(), client);
        return Task.FromResult(client);
    }

    /// <inheritdoc/>
    protected override void Run(Func<Task> scenario) => _network.Run(scenario, TimeSpan.FromMinutes(1));
}
