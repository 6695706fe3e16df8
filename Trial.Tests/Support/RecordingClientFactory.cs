using Trial.Fakes.Memory;
using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Tests.Support;

/// <summary>
/// A client factory that records its callbacks, for tests of connectors on any reactor: lists to assert on after
/// virtual time ran, and tasks to wait on when a real reactor calls back on its own thread.
/// </summary>
/// <param name="build">Builds each protocol; an <see cref="AccumulatingProtocol"/> when <see langword="null"/>.</param>
internal sealed class RecordingClientFactory(Func<IProtocol>? build = null)
    : ClientFactory(_ => build is null ? new AccumulatingProtocol() : build())
{
    public List<IConnector> Started { get; } = [];

    public List<Exception> Failures { get; } = [];

    public List<Exception> Losses { get; } = [];

    /// <summary>Gets a task that completes with the first failed attempt's reason.</summary>
    public TaskCompletionSource<Exception> Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task that completes with the first lost connection's reason.</summary>
    public TaskCompletionSource<Exception> ConnectionEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Starts { get; private set; }

    public int Stops { get; private set; }

    public override void StartedConnecting(IConnector connector) => Started.Add(connector);

    public override void ClientConnectionFailed(IConnector connector, Exception reason)
    {
        Failures.Add(reason);
        Failed.TrySetResult(reason);
    }

    public override void ClientConnectionLost(IConnector connector, Exception reason)
    {
        Losses.Add(reason);
        ConnectionEnded.TrySetResult(reason);
    }

    protected override void StartFactory() => Starts++;

    protected override void StopFactory() => Stops++;
}
