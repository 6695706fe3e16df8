using Trial.Fakes.Memory;
using Trial.Fakes.Simulation;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Tests.Transports;

/// <summary>The client end of a TCP-like stream between two hosts of a <see cref="SimulatedNetwork"/>.</summary>
internal sealed class SimulatedNetworkEnd : IConnectedEnd
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private readonly SimulatedNetwork _net = new(7);
    private readonly AccumulatingProtocol _peer = new();
    private readonly AccumulatingProtocol _end = new();

    private SimulatedNetworkEnd()
    {
        _net.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol(() => _peer)));
        _net.AddHost("client", startup: h => h.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => _end)));
        _net.RunUntil(() => _end.Made && _peer.Made, Limit);
    }

    public static IConnectedEnd Open() => new SimulatedNetworkEnd();

    public void Run(Action<ITransport> action) => action(_end.Transport!);

    public byte[] ReceivedByPeerUntilClosed()
    {
        _net.RunUntil(() => _peer.Closed, Limit);
        return _peer.Data;
    }

    public void Dispose()
    {
    }
}
