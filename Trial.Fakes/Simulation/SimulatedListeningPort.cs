using System.Globalization;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Fakes.Simulation;

/// <summary>A TCP port a simulated host listens on.</summary>
internal sealed class SimulatedListeningPort(SimulatedHost host, int port, IProtocolFactory factory) : IListeningPort
{
    /// <inheritdoc/>
    public IAddress LocalAddress { get; } = new TcpAddress(host.Address.ToString(), port);

    /// <inheritdoc/>
    public int Port => port;

    internal IProtocolFactory Factory => factory;

    /// <inheritdoc/>
    public Task StopListening()
    {
        if (host.Listeners.TryGetValue(port, out var current) && current == this)
        {
            host.Listeners.Remove(port);
            host.Network.Record(TraceEventKind.StopListening, host.Id, -1, 0, 0, string.Create(CultureInfo.InvariantCulture, $"TCP {host.Address}:{port}"));
            factory.DoStop();
        }

        return Task.CompletedTask;
    }
}
