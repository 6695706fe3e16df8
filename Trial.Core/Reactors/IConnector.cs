using Trial.Addresses;

namespace Trial.Reactors;

/// <summary>A client connection attempt, which can be stopped, disconnected, and made again.</summary>
public interface IConnector
{
    /// <summary>Gets the address being connected to.</summary>
    IAddress Destination { get; }

    /// <summary>Gets where the connector stands.</summary>
    ConnectorState State { get; }

    /// <summary>Starts a new attempt; valid when <see cref="State"/> is <see cref="ConnectorState.Disconnected"/>.</summary>
    /// <exception cref="InvalidOperationException">An attempt is in progress or a connection is open.</exception>
    void Connect();

    /// <summary>Stops an attempt in progress; the factory's <c>ClientConnectionFailed</c> gets a <see cref="Trial.Errors.UserCancelledConnectException"/>.</summary>
    /// <exception cref="InvalidOperationException">No attempt is in progress.</exception>
    void StopConnecting();

    /// <summary>Stops an attempt in progress, or closes the open connection gracefully.</summary>
    void Disconnect();
}
