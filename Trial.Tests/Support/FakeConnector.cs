using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Tests.Support;

/// <summary>
/// A connector for factory tests: counts attempts and lets the test decide how each ends; stopping an attempt
/// reports a <see cref="UserCancelledConnectException"/> to the factory, as real connectors do.
/// </summary>
internal sealed class FakeConnector(ClientFactory factory) : IConnector
{
    public IAddress Destination { get; } = new TcpAddress("server.example", 80);

    public ConnectorState State { get; set; } = ConnectorState.Connecting;

    public int ConnectCalls { get; private set; }

    public int StopConnectingCalls { get; private set; }

    public void Connect()
    {
        if (State != ConnectorState.Disconnected)
        {
            throw new InvalidOperationException($"Cannot connect while {State}.");
        }

        ConnectCalls++;
        State = ConnectorState.Connecting;
    }

    public void StopConnecting()
    {
        if (State != ConnectorState.Connecting)
        {
            throw new InvalidOperationException($"Cannot stop connecting while {State}.");
        }

        StopConnectingCalls++;
        State = ConnectorState.Disconnected;
        factory.ClientConnectionFailed(this, new UserCancelledConnectException());
    }

    public void Disconnect() => State = ConnectorState.Disconnected;

    /// <summary>Ends the attempt in progress with a refusal, as the reactor would.</summary>
    public void Fail()
    {
        State = ConnectorState.Disconnected;
        factory.ClientConnectionFailed(this, new ConnectionRefusedException());
    }

    /// <summary>Completes the attempt in progress.</summary>
    public void Succeed() => State = ConnectorState.Connected;

    /// <summary>Ends the open connection, as the reactor would.</summary>
    public void Lose()
    {
        State = ConnectorState.Disconnected;
        factory.ClientConnectionLost(this, new ConnectionLostException());
    }
}
