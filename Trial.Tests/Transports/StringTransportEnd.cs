using Trial.Fakes.Memory;
using Trial.Protocols;
using Trial.Transports;

namespace Trial.Tests.Transports;

/// <summary>A <see cref="StringTransport"/>: what the peer would receive is what the transport recorded.</summary>
internal sealed class StringTransportEnd : IConnectedEnd
{
    private readonly StringTransport _transport = new();

    private StringTransportEnd() => new Protocol().MakeConnection(_transport);

    public static IConnectedEnd Open() => new StringTransportEnd();

    public void Run(Action<ITransport> action) => action(_transport);

    public byte[] ReceivedByPeerUntilClosed() => _transport.Value();

    public void Dispose()
    {
    }
}
