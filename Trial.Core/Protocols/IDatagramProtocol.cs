using Trial.Addresses;
using Trial.Transports;

namespace Trial.Protocols;

/// <summary>The callbacks of a datagram (UDP) protocol.</summary>
public interface IDatagramProtocol
{
    /// <summary>Attaches the port's transport and calls <see cref="StartProtocol"/>; reactors call this.</summary>
    /// <param name="transport">The port.</param>
    void MakeConnection(IDatagramTransport transport);

    /// <summary>Called when the port starts listening.</summary>
    void StartProtocol();

    /// <summary>Called when the port stops listening.</summary>
    void StopProtocol();

    /// <summary>Called with each datagram that arrives.</summary>
    /// <param name="datagram">The payload; valid only during the call.</param>
    /// <param name="source">The sender's address.</param>
    void DatagramReceived(ReadOnlySpan<byte> datagram, IAddress source);

    /// <summary>Called on a connected port when the peer reports that nothing listens (ICMP port unreachable).</summary>
    void ConnectionRefused();
}
