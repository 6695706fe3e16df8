using Examples.Testing;
using Trial.Protocols;

namespace Examples.Echo.Tests;

/// <summary>The echo scenarios over loopback sockets on the real reactor.</summary>
public sealed class RealEchoTests : EchoTests, IDisposable
{
    private readonly LoopbackReactor _loopback = new();

    /// <inheritdoc/>
    public void Dispose() => _loopback.Dispose();

    /// <inheritdoc/>
    protected override Task<EchoClient> ConnectAsync(Func<IProtocol> server)
    {
        int port = _loopback.Listen(Factory.ForProtocol(server));
        return EchoClient.ConnectAsync(_loopback.Reactor, "127.0.0.1", port);
    }

    /// <inheritdoc/>
    protected override void Run(Func<Task> scenario) => _loopback.Run(scenario);
}
