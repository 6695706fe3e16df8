namespace Trial.Reactors;

/// <summary>Where a <see cref="IConnector"/> stands.</summary>
public enum ConnectorState
{
    /// <summary>No attempt is in progress and no connection is open.</summary>
    Disconnected,

    /// <summary>An attempt is in progress.</summary>
    Connecting,

    /// <summary>A connection is established.</summary>
    Connected,
}
