using Trial.Protocols;
using Trial.Tests.Sockets.Support;
using Trial.Transports;

namespace Trial.Tests.Transports;

/// <summary>The client end of a loopback TCP connection on a real <see cref="Trial.Sockets.SocketReactor"/>.</summary>
internal sealed class SocketReactorEnd : IConnectedEnd
{
    private readonly ReactorHarness _harness = new();
    private readonly RecordingProtocol _peer = new();
    private readonly RecordingProtocol _end = new();

    private SocketReactorEnd()
    {
        _harness.ConnectLoopback(_peer, _end);
        ReactorHarness.Wait(_end.Made.Task);
        ReactorHarness.Wait(_peer.Made.Task);
    }

    public static IConnectedEnd Open() => new SocketReactorEnd();

    public void Run(Action<ITransport> action) => _harness.Invoke(() => action(_end.Transport!));

    public byte[] ReceivedByPeerUntilClosed()
    {
        ReactorHarness.Wait(_peer.Lost.Task);
        _harness.Errors.Should().BeEmpty();
        return _peer.Received;
    }

    public void Dispose() => _harness.Dispose();
}
