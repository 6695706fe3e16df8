using Trial.Addresses;

namespace Trial.Transports;

/// <summary>A UDP port as its datagram protocol sees it.</summary>
public interface IDatagramTransport
{
    /// <summary>Gets the address the port is bound to.</summary>
    IAddress LocalAddress { get; }

    /// <summary>Sends one datagram.</summary>
    /// <param name="datagram">The payload.</param>
    /// <param name="destination">Where to send it; <see langword="null"/> for the connected peer.</param>
    /// <exception cref="InvalidOperationException">No destination was given and the port is not connected.</exception>
    void Write(ReadOnlySpan<byte> datagram, IAddress? destination = null);

    /// <summary>Connects the port to one peer: datagrams go there by default and only its datagrams are received.</summary>
    /// <param name="peer">The peer's address.</param>
    void Connect(IAddress peer);

    /// <summary>Closes the port; the protocol's <c>StopProtocol</c> runs.</summary>
    /// <returns>A task that completes when the port is closed.</returns>
    Task StopListening();
}
