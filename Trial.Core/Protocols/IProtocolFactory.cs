using Trial.Addresses;

namespace Trial.Protocols;

/// <summary>Builds a protocol for each new connection of a listening port or a connector.</summary>
public interface IProtocolFactory
{
    /// <summary>Builds the protocol for a connection with <paramref name="address"/>.</summary>
    /// <param name="address">The peer's address.</param>
    /// <returns>The protocol, or <see langword="null"/> to refuse the connection (it is closed at once).</returns>
    IProtocol? BuildProtocol(IAddress address);

    /// <summary>Called by a reactor each time a port or connector starts using the factory.</summary>
    void DoStart();

    /// <summary>Called by a reactor each time a port or connector stops using the factory.</summary>
    void DoStop();
}
