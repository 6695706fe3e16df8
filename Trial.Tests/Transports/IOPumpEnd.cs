using Trial.Fakes.IOSim;
using Trial.Fakes.Memory;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Tests.Transports;

/// <summary>The client end of an <see cref="IOPump"/> pair; the server end accumulates what arrives.</summary>
internal sealed class IOPumpEnd : IConnectedEnd
{
    private readonly AccumulatingProtocol _peer = new();
    private readonly IOPump _pump;

    private IOPumpEnd() => (_, _, _pump) = IOPump.ConnectedServerAndClient(_peer, new Protocol());

    public static IConnectedEnd Open() => new IOPumpEnd();

    public void Run(Action<ITransport> action) => action(_pump.ClientTransport);

    public byte[] ReceivedByPeerUntilClosed()
    {
        _pump.RunUntil(() => _peer.Closed);
        return _peer.Data;
    }

    public void Dispose()
    {
    }
}
