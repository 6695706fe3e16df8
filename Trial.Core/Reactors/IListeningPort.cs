using Trial.Addresses;

namespace Trial.Reactors;

/// <summary>A port that accepts connections for a protocol factory.</summary>
public interface IListeningPort
{
    /// <summary>Gets the address the port is bound to; with port 0, the port the system chose.</summary>
    IAddress LocalAddress { get; }

    /// <summary>Gets the port number the port is bound to: the one asked for, or the one the system chose for port 0.</summary>
    int Port { get; }

    /// <summary>Stops accepting connections; established connections are not touched.</summary>
    /// <returns>A task that completes when the port is closed and the factory's <c>DoStop</c> has run.</returns>
    Task StopListening();
}
