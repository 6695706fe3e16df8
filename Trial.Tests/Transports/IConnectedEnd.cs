using Trial.Transports;

namespace Trial.Tests.Transports;

/// <summary>One end of a fresh connection on some transport, for the contract tests.</summary>
internal interface IConnectedEnd : IDisposable
{
    /// <summary>Runs <paramref name="action"/> on the end's transport, from one callback on the transport's own thread.</summary>
    void Run(Action<ITransport> action);

    /// <summary>Lets the connection run until the peer has seen it close, and returns every byte the peer received.</summary>
    byte[] ReceivedByPeerUntilClosed();
}
