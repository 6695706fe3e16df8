using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Transports;

namespace Trial.Fakes.Memory;

/// <summary>
/// A connection attempt recorded by a <see cref="MemoryReactor"/>. It stays <see cref="ConnectorState.Connecting"/>
/// until a <see cref="IOSim.ConnectionCompleter"/> completes or fails it, or it is stopped.
/// </summary>
internal sealed class MemoryConnector : IConnector
{
    private readonly ClientFactory _factory;
    private ITransport? _transport;

    internal MemoryConnector(IAddress destination, ClientFactory factory)
    {
        Destination = destination;
        _factory = factory;
    }

    /// <inheritdoc/>
    public IAddress Destination { get; }

    /// <inheritdoc/>
    public ConnectorState State { get; private set; }

    /// <summary>Gets the factory that hears about the attempt.</summary>
    internal ClientFactory Factory => _factory;

    /// <inheritdoc/>
    public void Connect()
    {
        if (State != ConnectorState.Disconnected)
        {
            throw new InvalidOperationException($"Cannot connect to {Destination}: the connector is {State}.");
        }

        Start();
    }

    /// <inheritdoc/>
    public void StopConnecting()
    {
        if (State != ConnectorState.Connecting)
        {
            throw new InvalidOperationException($"Cannot stop connecting to {Destination}: the connector is {State}.");
        }

        Fail(new UserCancelledConnectException($"The connection attempt to {Destination} was stopped by StopConnecting."));
    }

    /// <inheritdoc/>
    public void Disconnect()
    {
        switch (State)
        {
            case ConnectorState.Connecting:
                StopConnecting();
                break;
            case ConnectorState.Connected:
                _transport?.LoseConnection();
                break;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"MemoryConnector({Destination}, {State})";

    /// <summary>Marks the attempt in progress and tells the factory.</summary>
    internal void Start()
    {
        State = ConnectorState.Connecting;
        _factory.StartedConnecting(this);
    }

    /// <summary>Ends the attempt in failure and tells the factory.</summary>
    internal void Fail(Exception reason)
    {
        State = ConnectorState.Disconnected;
        _factory.ClientConnectionFailed(this, reason);
    }

    /// <summary>Marks the attempt connected over <paramref name="transport"/>.</summary>
    internal void Succeed(ITransport transport)
    {
        State = ConnectorState.Connected;
        _transport = transport;
    }

    /// <summary>Marks the connection ended and tells the factory.</summary>
    internal void Lose(Exception reason)
    {
        State = ConnectorState.Disconnected;
        _transport = null;
        _factory.ClientConnectionLost(this, reason);
    }
}
