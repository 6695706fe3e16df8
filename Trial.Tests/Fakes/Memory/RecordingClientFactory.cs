using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Tests.Fakes.Memory;

/// <summary>A client factory that records the callbacks it gets, for tests of connectors.</summary>
internal sealed class RecordingClientFactory : ClientFactory
{
    public RecordingClientFactory(Func<IProtocol>? create = null)
        : base(_ => (create ?? (() => new Trial.Fakes.Memory.AccumulatingProtocol()))())
    {
    }

    public List<IConnector> Started { get; } = [];

    public List<Exception> Failures { get; } = [];

    public List<Exception> Losses { get; } = [];

    public override void StartedConnecting(IConnector connector) => Started.Add(connector);

    public override void ClientConnectionFailed(IConnector connector, Exception reason) => Failures.Add(reason);

    public override void ClientConnectionLost(IConnector connector, Exception reason) => Losses.Add(reason);
}
