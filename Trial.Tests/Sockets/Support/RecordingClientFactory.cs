using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Tests.Sockets.Support;

/// <summary>A client factory that records how its attempts fail and its connections end.</summary>
internal sealed class RecordingClientFactory(Func<IProtocol> build) : ClientFactory(_ => build())
{
    public TaskCompletionSource<Exception> Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<Exception> ConnectionEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Starts { get; private set; }

    public int Stops { get; private set; }

    public override void ClientConnectionFailed(IConnector connector, Exception reason) => Failed.TrySetResult(reason);

    public override void ClientConnectionLost(IConnector connector, Exception reason) => ConnectionEnded.TrySetResult(reason);

    protected override void StartFactory() => Starts++;

    protected override void StopFactory() => Stops++;
}
